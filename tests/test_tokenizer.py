"""The pkuseg tokenizer: width folding, whole numbers, serialisation."""

import pytest

from govreport_nlp.widths import fold_widths

SENTENCES = [
    "全年减税降费3.44亿元，规上工业增加值增长8.5%。",
    "新增“专精特新”企业12家，营商环境持续优化。",
    "城镇居民人均可支配收入达到４２８５６元，增长５．１％。",
    "一般公共预算收入完成百分之六十五，比上年提高十二点五个百分点。",
    "深化“放管服”改革，推进高质量发展。",
]


def words(nlp, text):
    return [t.text for t in nlp.tokenizer(text)]


@pytest.mark.parametrize("text", SENTENCES)
def test_both_widths_cut_alike_and_keep_original_characters(nlp, text):
    full = text.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})  # half -> full width
    half = fold_widths(text)
    cut_full, cut_half = words(nlp, full), words(nlp, half)
    assert "".join(cut_full) == full.replace(" ", "")
    assert [len(w) for w in cut_full] == [len(w) for w in cut_half]
    assert [fold_widths(w) for w in cut_full] == cut_half


@pytest.mark.parametrize("number", ["3.44亿", "１２．３万", "1,234.5", "百分之六十五", "十二点五", "1.2万亿"])
def test_number_with_magnitude_is_never_cut_inside(nlp, number):
    text = f"今年完成投资{number}元，同比增长。"
    start = text.index(number)
    doc = nlp.tokenizer(text)
    inside = [t for t in doc if start < t.idx < start + len(number)]
    assert inside == [], f"token boundary inside {number}: {[t.text for t in doc]}"


def test_offsets_match_the_original_text(nlp):
    text = "一是　稳增长，　二是调结构。\n新建公园１个。"
    doc = nlp.tokenizer(text)
    assert doc.text == text
    for t in doc:
        assert text[t.idx : t.idx + len(t.text)] == t.text


def test_user_dictionary_words_stay_whole(nlp):
    cut = words(nlp, "持续优化营商环境，培育专精特新企业，深化放管服改革。")
    for word in ("营商环境", "专精特新", "放管服"):
        assert word in cut, cut


def test_round_trip_gives_identical_segmentation(nlp, tmp_path, seed_text):
    from govreport_nlp.tokenizer import GovReportTokenizer

    nlp.tokenizer.to_disk(tmp_path / "tok")
    tok = GovReportTokenizer(nlp.vocab).from_disk(tmp_path / "tok")
    assert [t.text for t in tok(seed_text)] == [t.text for t in nlp.tokenizer(seed_text)]


def test_uninitialised_tokenizer_says_what_to_do(nlp):
    from govreport_nlp.tokenizer import GovReportTokenizer

    with pytest.raises(ValueError, match="pkuseg model"):
        GovReportTokenizer(nlp.vocab)("文本")


@pytest.mark.parametrize("text", ["  前导空格 和 中间  两个空格\n换行　全角空格 ", "无空格文本。", " ", ""])
def test_words_and_spaces_match_spacy_alignment(nlp, text):
    from spacy.util import get_words_and_spaces

    from govreport_nlp.tokenizer import _words_and_spaces

    offsets = nlp.tokenizer.word_offsets(text)
    words = [text[s:e] for s, e in offsets]
    assert _words_and_spaces(text, offsets) == get_words_and_spaces(words, text)
    assert nlp.tokenizer(text).text == text


@pytest.mark.slow
def test_bytes_carry_the_compact_model(nlp, tmp_path, seed_text):
    """to_bytes() is about as small as the saved directory, and segments the same."""
    from govreport_nlp.pipeline import blank

    nlp.tokenizer.to_disk(tmp_path / "tok")
    on_disk = sum(f.stat().st_size for f in (tmp_path / "tok").rglob("*") if f.is_file())
    data = nlp.tokenizer.to_bytes()
    assert len(data) < 1.05 * on_disk
    fresh = blank([]).tokenizer.from_bytes(data)
    assert [t.text for t in fresh(seed_text)] == [t.text for t in nlp.tokenizer(seed_text)]


def test_foreign_bytes_are_refused_with_a_numbered_error():
    import srsly

    from govreport_nlp.pipeline import blank

    with pytest.raises(ValueError, match=r"\[E215\]"):
        blank([]).tokenizer.from_bytes(srsly.msgpack_dumps({"cfg": {}}))


def test_loading_writes_no_temporary_files(nlp, tmp_path, seed_text, monkeypatch):
    import tempfile

    from govreport_nlp.pipeline import blank

    nlp.tokenizer.to_disk(tmp_path / "tok")

    def refuse(*args, **kwargs):
        raise AssertionError("the compact model must load in memory")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", refuse)
    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    fresh = blank([]).tokenizer.from_disk(tmp_path / "tok")
    assert [t.text for t in fresh(seed_text)] == [t.text for t in nlp.tokenizer(seed_text)]

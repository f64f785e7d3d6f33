"""Tests for the pure AWARD rule layer (govreport_nlp.awards). Sentences are invented."""

from __future__ import annotations

import pickle

import pytest

from govreport_nlp.awards import AwardFinder, AwardMatch, award_level, load_award_patterns
from govreport_nlp.orgs import OrgFinder, OrgPatternError, award_triggers_data
from govreport_nlp.widths import fold_widths


@pytest.fixture(scope="module")
def finder() -> AwardFinder:
    return AwardFinder()


@pytest.fixture(scope="module")
def orgs() -> OrgFinder:
    return OrgFinder()


def run(finder: AwardFinder, orgs: OrgFinder, text: str) -> list[AwardMatch]:
    return finder(text, [(m.start, m.end) for m in orgs(text)])


def titles(finder: AwardFinder, orgs: OrgFinder, text: str) -> list[str]:
    return [a.text for a in run(finder, orgs, text)]


# --------------------------------------------------------------------------- each trigger

TRIGGERS = [
    ("荣获全省文明单位。", "全省文明单位"),
    ("获评全国科技进步先进县。", "全国科技进步先进县"),
    ("获得全市五一劳动奖状。", "全市五一劳动奖状"),
    ("被评为全国民族团结进步示范区。", "全国民族团结进步示范区"),
    ("连续两年评为全省平安建设优秀县。", "全省平安建设优秀县"),
    ("被认定为省级数字化车间。", "省级数字化车间"),
    ("认定为国家级绿色工厂。", "国家级绿色工厂"),
    ("获批省级现代农业产业园。", "省级现代农业产业园"),
    ("获批为国家级经济技术开发区。", "国家级经济技术开发区"),
    ("入选全国首批中小城市综合改革试点。", "全国首批中小城市综合改革试点"),
    ("成为国家电子商务进农村综合示范县。", "国家电子商务进农村综合示范县"),
    ("被授予全国模范劳动关系和谐企业。", "全国模范劳动关系和谐企业"),
    ("被列为全省乡村振兴示范县。", "全省乡村振兴示范县"),
    ("列为国家城乡融合发展试验区。", "国家城乡融合发展试验区"),
    ("成功创建国家全域旅游示范区。", "国家全域旅游示范区"),
    ("创成省级生态文明建设示范县。", "省级生态文明建设示范县"),
    ("被命名为第六批国家生态文明建设示范区。", "第六批国家生态文明建设示范区"),
    ("获湖北省科学技术进步奖一等奖。", "湖北省科学技术进步奖一等奖"),
    ("摘得全国质量奖。", "全国质量奖"),
    ("跻身中国工业百强区。", "中国工业百强区"),
]


@pytest.mark.parametrize("text,title", TRIGGERS)
def test_each_trigger(finder, orgs, text, title) -> None:
    assert titles(finder, orgs, text) == [title]


# --------------------------------------------------------------------------- lists, quotes, trailing words

LISTS = [
    # 、 with a shared trigger, 等荣誉 dropped
    (
        "荣获全市重点项目攻坚先进单位、全市外资外贸突出贡献奖等荣誉。",
        ["全市重点项目攻坚先进单位", "全市外资外贸突出贡献奖"],
    ),
    # 和 / 及 split only before a level prefix
    ("荣获全国“两山”实践创新基地和全省“四好农村路”示范县。", ["全国“两山”实践创新基地", "全省“四好农村路”示范县"]),
    ("获评国家知识产权强县建设示范县及全国科技进步先进县。", ["国家知识产权强县建设示范县", "全国科技进步先进县"]),
    ("荣获全市职工技能竞赛和岗位练兵活动优秀组织单位。", ["全市职工技能竞赛和岗位练兵活动优秀组织单位"]),
    # quotes inside a title stay, outer quotes and 称号 go
    ("荣获全市“平安家园”创建工作先进集体称号。", ["全市“平安家园”创建工作先进集体"]),
    ("被授予“全国青年文明号”称号。", ["全国青年文明号"]),
    ("被授予“全国‘安康杯’竞赛优胜单位”称号。", ["全国‘安康杯’竞赛优胜单位"]),
    ("荣获“全国双拥模范城”“国家园林城市”等称号。", ["全国双拥模范城", "国家园林城市"]),
    # no split inside quotes or brackets
    ("获评全省“安全、文明、和谐”示范社区。", ["全省“安全、文明、和谐”示范社区"]),
    ("获评全市美丽乡村(示范村、精品村)建设先进单位。", ["全市美丽乡村(示范村、精品村)建设先进单位"]),
    # a bare level word shares the next item's head; a trailing count is dropped
    ("创建国家级、省级森林乡村各3个。", ["国家级、省级森林乡村"]),
    # 殊荣 / 桂冠 / 等 trailing words
    ("摘得全国文明城市桂冠。", ["全国文明城市"]),
    ("获得全省“十佳”示范农场殊荣。", ["全省“十佳”示范农场"]),
    # list frame with no verb
    ("全国文明单位、全省先进基层党组织等荣誉相继落户。", ["全国文明单位", "全省先进基层党组织"]),
    # a verb between trigger and title, 榜单 after it
    ("获批建设国家区块链创新应用综合性试点。", ["国家区块链创新应用综合性试点"]),
    ("荣登“中国旅游百强县”榜单。", ["中国旅游百强县"]),
    # a second trigger after 、 takes its own item
    ("云帆股份成为全县第一家新三板挂牌企业、被认定为省级企业技术中心。", ["省级企业技术中心"]),
]


@pytest.mark.parametrize("text,expected", LISTS)
def test_lists_and_quotes(finder, orgs, text, expected) -> None:
    assert titles(finder, orgs, text) == expected


# --------------------------------------------------------------------------- level

LEVELS = [
    ("荣获全国文明城市。", "national"),
    ("获评国家级众创空间。", "national"),
    ("获评中国最具幸福感城市。", "national"),
    ("入选2023年度全国百强县。", "national"),
    ("入选首批国家级服务业标准化试点。", "national"),
    ("获评全省营商环境先进单位。", "provincial"),
    ("获批省级院士工作站。", "provincial"),
    ("荣获省老龄工作先进集体称号。", "provincial"),
    ("获评湖南省示范中医馆。", "provincial"),
    ("荣获广东省五一劳动奖状。", "provincial"),
    ("获评内蒙古自治区民族团结进步示范单位。", "provincial"),
    ("被评为四川首批文旅特色小镇。", "provincial"),
    ("获评全市依法行政先进集体。", "municipal"),
    ("获批市级重点实验室。", "municipal"),
    ("获评武汉市十佳社区。", "municipal"),
    ("入选洛阳市第二批历史文化街区。", "municipal"),
    ("获评全区安全生产先进单位。", "district"),
    ("荣获区级文明单位。", "district"),
    ("获评县级文明村。", "district"),
    ("获评长沙县示范家庭农场。", "district"),
    ("获评华中地区最具影响力品牌。", None),
]


@pytest.mark.parametrize("text,level", LEVELS)
def test_level(finder, orgs, text, level) -> None:
    found = run(finder, orgs, text)
    assert len(found) == 1, found
    assert found[0].level == level


def test_award_level_helper() -> None:
    assert award_level("全国首批乡村旅游重点村") == "national"
    assert award_level("皖南(黄山)省级区域性物资储备基地") == "provincial"
    assert award_level("市场监管示范单位") is None
    assert award_level("第二批省级全域旅游示范区") == "provincial"


# --------------------------------------------------------------------------- recipient

RECIPIENTS = [
    # an ORG right before the trigger
    ("清源环保入选国家环保技术示范企业。", "清源环保"),
    ("区人民医院获评全国改善医疗服务示范医院。", "区人民医院"),
    # adverbs between subject and trigger
    ("启明星空先后获评省级众创空间。", "启明星空"),
    # a place at the clause start
    ("武侯区获评全国法治政府建设示范区。", "武侯区"),
    ("黄平县成功创建国家卫生县城。", "黄平县"),
    ("新乡市获批全国综合性国家科学中心。", "新乡市"),
    ("白马湖科技城获批全省首批创新示范园区。", "白马湖科技城"),
    # a list of places kept whole
    ("长沙县、长沙经开区获评全国营商环境最佳口碑县。", "长沙县、长沙经开区"),
    ("区委组织部、区委宣传部荣获全市组织宣传工作先进单位。", "区委组织部、区委宣传部"),
    ("华瑞光电、金石新材等5家企业入选省级智能制造标杆企业。", "华瑞光电、金石新材"),
    # far: the subject opens the sentence, the trigger is clauses later
    ("青山区推进老旧小区改造，完成投资8亿元，荣获全市城市更新工作先进区。", "青山区"),
    ("云帆股份成为全县第一家新三板挂牌企业、被认定为省级企业技术中心。", "云帆股份"),
    # 授予 X “title”
    ("省政府授予望江县“全省农业产业化先进县”称号。", "望江县"),
    # the agent of a passive is not the recipient
    ("滨江区被国务院办公厅评为全国深化“放管服”改革典型县。", "滨江区"),
    ("经省政府批准，被列为全省县域经济高质量发展示范县。", None),
    ("市委市政府授予全市抗洪抢险先进集体称号。", None),
    # a quoted product or brand
    ("“岳阳黄茶”获批国家地理标志证明商标。", "岳阳黄茶"),
    # not said
    ("荣获全市信访工作先进单位。", None),
    ("武侯区完成造林1万亩。荣获全省绿化模范单位。", None),
    ("“五育”工作扎实推进，被评为全市劳动教育示范区。", None),
    ("在全省考核中获评全市目标考核一等奖。", None),
]


@pytest.mark.parametrize("text,recipient", RECIPIENTS)
def test_recipient(finder, orgs, text, recipient) -> None:
    found = run(finder, orgs, text)
    assert found, "no award found"
    a = found[-1]
    assert a.recipient == recipient
    if recipient is None:
        assert a.recipient_start is None and a.recipient_end is None
    else:
        assert text[a.recipient_start : a.recipient_end] == recipient


def test_recipient_snaps_to_org(finder) -> None:
    text = "华瑞光电股份有限公司获评国家级绿色工厂。"
    found = finder(text, [(0, 10)])
    assert found[0].recipient == "华瑞光电股份有限公司"
    assert (found[0].recipient_start, found[0].recipient_end) == (0, 10)


# --------------------------------------------------------------------------- negatives

NEGATIVE = [
    "在全市综合考评中排名第4，较上年前移2位。",  # a rank
    "防汛工作2次获得全省季度考核第一名。",  # a rank after 获得
    "新材科技成为全区首家科创板上市企业。",  # a status nobody conferred
    "成为全市唯一一个连续五年无重大事故的县区。",
    "获得中央预算内投资1.2亿元，获批专项债券资金8亿元，获得省级奖补资金500万元。",  # money
    "列入省重点项目12个，被纳入全市重大工程。",  # projects
    "数字经济成为新引擎，新型城镇化成为全省示范。",  # not titles
    "群众获得感、幸福感不断增强，收获满满。",
    "印发《关于创建全国文明城市的实施方案》，开展“千企帮千村”活动。",  # policy names
    "建成县级物流配送中心和社区养老服务中心。",
    "力争成为全省乡村振兴示范区，全力创建国家卫生城市。",  # goals, not conferred
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(finder, orgs, text) -> None:
    assert titles(finder, orgs, text) == []


# --------------------------------------------------------------------------- contract


def test_offsets(finder, orgs) -> None:
    text = "一年来，滨江区荣获全省文明单位、全国“五一”劳动奖状等荣誉；清源环保入选国家级试点。"
    for a in run(finder, orgs, text):
        assert isinstance(a, AwardMatch)
        assert text[a.start : a.end] == a.text
        assert a.text == a.text.strip('“”"')
        if a.recipient is not None:
            assert text[a.recipient_start : a.recipient_end] == a.recipient


def test_full_width(finder) -> None:
    half = "2022年,滨江区荣获全省“平安县(市、区)”称号;获评全国文明城区。"
    full = "２０２２年，滨江区荣获全省“平安县（市、区）”称号；获评全国文明城区。"
    assert fold_widths(full) == half
    a = [(x.start, x.end, x.level, x.recipient_start) for x in finder(half)]
    b = [(x.start, x.end, x.level, x.recipient_start) for x in finder(full)]
    assert a == b and len(a) == 2
    assert finder(full)[0].text == "全省“平安县（市、区）”"


def test_known_patterns() -> None:
    f = AwardFinder(patterns=[{"label": "AWARD", "pattern": "鲁班奖"}, {"label": "ORG", "pattern": "鲁班"}])
    found = f("滨江大桥工程捧回鲁班奖。")
    assert [a.text for a in found] == ["鲁班奖"]
    with pytest.raises(OrgPatternError):
        f.add_patterns([{"label": "AWARD", "pattern": "x", "extra": 1}])


def test_describe(finder, orgs) -> None:
    text = "滨江区荣获鲁班奖。"
    a = finder.describe(text, 5, 8, [(m.start, m.end) for m in orgs(text)])
    assert (a.text, a.level, a.recipient, a.recipient_start) == ("鲁班奖", None, "滨江区", 0)
    b = finder.describe("获评全省文明单位。", 2, 8)
    assert (b.text, b.level, b.recipient) == ("全省文明单位", "provincial", None)


def test_load_award_patterns(tmp_path) -> None:
    assert isinstance(load_award_patterns(), list)
    assert load_award_patterns(tmp_path / "missing.jsonl") == []
    path = tmp_path / "honours.jsonl"
    path.write_text('{"label": "AWARD", "pattern": "鲁班奖", "id": "luban"}\n', encoding="utf-8")
    f = AwardFinder(patterns=load_award_patterns(path))
    assert [a.text for a in f("大桥工程捧回鲁班奖。")] == ["鲁班奖"]
    path.write_text('{"label": "AWARD", "pattern": "鲁班奖", "level": "national"}\n', encoding="utf-8")
    with pytest.raises(OrgPatternError, match="line 1: unknown key 'level'"):
        load_award_patterns(path)


def test_custom_triggers() -> None:
    data = dict(award_triggers_data())
    data["triggers"] = {"strong": ["喜获"], "weak": [], "bare": []}
    f = AwardFinder(triggers=data)
    assert [a.text for a in f("喜获全国文明单位，荣获全省先进集体。")] == ["全国文明单位"]
    with pytest.raises(OrgPatternError, match="missing key 'heads'"):
        AwardFinder(triggers={"triggers": {}, "level_prefixes": {}, "trailing": []})


def test_trigger_table() -> None:
    data = award_triggers_data()
    for verb in (
        "荣获",
        "获评",
        "获得",
        "被评为",
        "评为",
        "被认定为",
        "认定为",
        "获批",
        "获批为",
        "入选",
        "授予",
        "列为",
        "被列为",
        "被命名为",
    ):
        assert verb in data["triggers"]["strong"], verb
    for verb in ("成为", "创建", "创成"):
        assert verb in data["triggers"]["weak"], verb
    assert set(data["level_prefixes"]) == {"national", "provincial", "municipal", "district"}
    for key, items in data.items():
        if isinstance(items, list):
            assert len(items) == len(set(items)), key


def test_pickle(finder) -> None:
    clone = pickle.loads(pickle.dumps(finder))
    text = "荣获全省文明单位、全国五一劳动奖状等荣誉。"
    assert clone(text) == finder(text)


def test_long_text(finder, orgs) -> None:
    para = (
        "滨江区荣获全市重点项目攻坚先进单位、全市外资外贸突出贡献奖等荣誉；清源环保入选国家环保技术示范项目，"
        "区中医院获评湖南省示范中医馆。全县规上工业增加值增长8.1%，排名全市第3。"
    )
    # speed is measured by tests/benchmarks/bench_pipeline.py (no timing assertions here): a long text
    # gives every paragraph's awards, at the paragraph's offsets
    n = 100_000 // len(para)
    text = para * n
    one = [(a.start, a.text) for a in run(finder, orgs, para)]
    assert len(one) >= 3
    assert [(a.start, a.text) for a in run(finder, orgs, text)] == [
        (k * len(para) + s, t) for k in range(n) for s, t in one
    ]


# --------------------------------------------------------------------------- generalisation rules (held-out work)
# Invented sentences in report style; none is taken from the held-out set.

GENERAL_TITLES = [
    # a year before the title stays outside
    ("入选2023年度全国综合实力百强县。", ["全国综合实力百强县"]),
    # “N连冠” after the title stays outside; with 实现 it is evidence of an honour by itself
    ("荣获全国双拥模范城“五连冠”。", ["全国双拥模范城"]),
    ("我市实现全国文明城市“三连冠”。", ["全国文明城市"]),
    # 获评A，B: a comma-separated title without its own verb
    ("获评全国绿化模范县，全省森林城市。", ["全国绿化模范县", "全省森林城市"]),
    ("获评全国文明城市，全市上下干劲十足。", ["全国文明城市"]),
    # a quoted title after an honour verb needs neither level nor head
    ("捧得“大禹鼎”。", ["大禹鼎"]),
    # a grade counts as a level for 创建
    ("县人民医院成功创建三级甲等综合医院。", ["三级甲等综合医院"]),
    # 新增 between verb and title
    ("获批新增硕士学位授予单位。", ["硕士学位授予单位"]),
    ("实现国家园林城市“四连创”。", ["国家园林城市"]),
    ("远航集团入选《财富》世界500强。", ["《财富》世界500强"]),
]


@pytest.mark.parametrize("text,expected", GENERAL_TITLES)
def test_general_titles(finder, orgs, text, expected) -> None:
    assert titles(finder, orgs, text) == expected


GENERAL_NEGATIVE = [
    "力争实现全国文明城市“三连冠”。",
    "全市上下实现“十连增”，获得感不断增强。",
]


@pytest.mark.parametrize("text", GENERAL_NEGATIVE)
def test_general_negative(finder, orgs, text) -> None:
    assert titles(finder, orgs, text) == []


GENERAL_LEVELS = [
    ("获批自治区级现代农业产业园。", "provincial"),
    # 全区 in a city report of an autonomous region is the region; in a district report it is the district
    ("在自治区党委领导下，我市荣获全区民族团结进步示范市。", "provincial"),
    ("在市委领导下，我区荣获全区文明单位。", "district"),
    ("金穗米业获评农业产业化国家重点龙头企业。", "national"),
]


@pytest.mark.parametrize("text,level", GENERAL_LEVELS)
def test_general_levels(finder, orgs, text, level) -> None:
    found = run(finder, orgs, text)
    assert len(found) == 1, found
    assert found[0].level == level


GENERAL_RECIPIENTS = [
    ("高新区获评全省营商环境先进单位。", "高新区"),
    ("县融媒体中心获评全省新闻宣传先进集体。", "县融媒体中心"),
    # across ；: the subject of the whole sentence
    ("滨湖区大力推进生态建设，完成造林2万亩；荣获全省绿化模范单位。", "滨湖区"),
    # a named park opening an earlier clause
    ("星湖科技城新增企业120家，获评国家级科技企业孵化器。", "星湖科技城"),
    ("银杏谷入驻企业突破200家，获评省级数字经济示范园区。", "银杏谷"),
    # a second title after a comma keeps the recipient
    ("凤冈县获评全国绿化模范县，全省森林城市。", "凤冈县"),
    # a quoted product is the recipient even when a company name sits inside it
    ("“华为手机”入选中国品牌价值百强榜。", "华为手机"),
]


@pytest.mark.parametrize("text,recipient", GENERAL_RECIPIENTS)
def test_general_recipients(finder, orgs, text, recipient) -> None:
    found = run(finder, orgs, text)
    assert found, "no award found"
    assert found[-1].recipient == recipient
    a = found[-1]
    assert text[a.recipient_start : a.recipient_end] == recipient


# --------------------------------------------------------------------------- issue 9: awards from other places

# (text, [(title, level, recipient)]): trigger classes and frames, with paraphrases
GRANTS = [
    # 上榜 / 入列 / 成功认定 / 被确定为 / 成功申报 that states a grant
    ("我县上榜全国综合实力百强县。", [("全国综合实力百强县", "national", None)]),
    ("长丰县成功上榜中国县域经济百强县。", [("中国县域经济百强县", "national", "长丰县")]),
    ("新都区入列全国双拥模范城。", [("全国双拥模范城", "national", "新都区")]),
    ("红星社区成功认定为省级充分就业社区。", [("省级充分就业社区", "provincial", "红星社区")]),
    ("华宇电子成功认定国家级企业技术中心。", [("国家级企业技术中心", "national", "华宇电子")]),
    ("长顺县被确定为全国农村综合性改革试点。", [("全国农村综合性改革试点", "national", "长顺县")]),
    ("我市成功申报国家海绵城市建设示范城市。", [("国家海绵城市建设示范城市", "national", None)]),
    ("积极申报并成功获批国家全域旅游示范区。", [("国家全域旅游示范区", "national", None)]),
    ("全力冲刺并顺利通过全国文明城市复评。", [("全国文明城市", "national", None)]),
    # 通过…复审/复评/验收/评审
    ("顺利通过国家卫生县城复审。", [("国家卫生县城", "national", None)]),
    ("我区通过全国文明城区复评。", [("全国文明城区", "national", None)]),
    ("龙泉镇通过国家级生态乡镇验收。", [("国家级生态乡镇", "national", "龙泉镇")]),
    ("县人民医院通过三级乙等综合医院评审。", [("三级乙等综合医院", None, "县人民医院")]),
    # words between trigger and title; the agent of 被X表彰为/授予 is not the recipient
    ("我县获评全省唯一一个“中国长寿之乡”。", [("中国长寿之乡", "national", None)]),
    ("永安市获评全国首个“中国竹子之乡”。", [("中国竹子之乡", "national", "永安市")]),
    ("城南小学被教育部表彰为全国中小学劳动教育实验区。", [("全国中小学劳动教育实验区", "national", "城南小学")]),
    ("县第一中学被省人民政府授予省级文明校园称号。", [("省级文明校园", "provincial", "县第一中学")]),
    ("红旗村党支部被省委表彰为全省先进基层党组织。", [("全省先进基层党组织", "provincial", "红旗村党支部")]),
    # list items after a comma up to 等; a second verb stays out of the title
    (
        "先后获评国家园林城市、全国文明城市，省级卫生城市等称号。",
        [("国家园林城市", "national", None), ("全国文明城市", "national", None), ("省级卫生城市", "provincial", None)],
    ),
    ("黄山市获批国家文化和旅游消费示范城市并启动建设。", [("国家文化和旅游消费示范城市", "national", "黄山市")]),
    # designated parks and projects; 通报表扬为; a review named by two words
    ("大明湖获批国家湿地公园。", [("国家湿地公园", "national", "大明湖")]),
    ("我县入选全国乡村振兴示范项目。", [("全国乡村振兴示范项目", "national", None)]),
    ("被国务院办公厅通报表扬为全国稳增长成效明显市。", [("全国稳增长成效明显市", "national", None)]),
    ("通过国家义务教育优质均衡发展县督导评估。", [("国家义务教育优质均衡发展县", "national", None)]),
    ("全区成功创建国家森林公园1个。", [("国家森林公园", "national", None)]),
    ("全镇成功创建广东省卫生镇。", [("广东省卫生镇", "provincial", None)]),
    # recipients: self-reference → None; facility and model recipients kept
    ("本市荣获全国双拥模范城“五连冠”。", [("全国双拥模范城", "national", None)]),
    ("市体育中心获评国家体育旅游示范基地。", [("国家体育旅游示范基地", "national", "市体育中心")]),
    # a product of a company; a zone subject of the sentence across a comma; 我街道
    ("中铁装备盾构机荣获中国工业大奖。", [("中国工业大奖", "national", "中铁装备盾构机")]),
    (
        "经开区在全国考核评价中位列第12位，获评国家生态工业示范园区，成功入选国家级服务业标准化试点。",
        [("国家生态工业示范园区", "national", "经开区"), ("国家级服务业标准化试点", "national", "经开区")],
    ),
    ("我街道荣获江苏省平安街道称号。", [("江苏省平安街道", "provincial", None)]),
    # a count phrase stays as written
    ("全县15所学校获评省级文明校园。", [("省级文明校园", "provincial", "15所学校")]),
    ("我区2个村入选中国美丽休闲乡村。", [("中国美丽休闲乡村", "national", "2个村")]),
    ("新增12家企业获评省级专精特新企业。", [("省级专精特新企业", "provincial", "12家企业")]),
    (
        "湄潭县“茶旅一体化”发展模式入选全国乡村振兴典型案例。",
        [("全国乡村振兴典型案例", "national", "湄潭县“茶旅一体化”发展模式")],
    ),
    (
        "省农科院牵头的“皖麦”育种项目荣获国家科学技术进步奖二等奖。",
        [("国家科学技术进步奖二等奖", "national", "“皖麦”育种项目")],
    ),
]

ASPIRATIONS = [
    "积极申报国家全域旅游示范区。",
    "力争创建国家生态文明建设示范县。",
    "争创全国文明城市。",
    "确保通过国家卫生城市复审。",
    "确保顺利通过国家卫生城市复审。",
    "力争成功创建国家森林城市。",
    "力争获批国家级新区。",
    "天宇集团是全国电机出口量领先者。",
]


@pytest.mark.parametrize("text,expected", GRANTS)
def test_grants_from_other_places(finder, orgs, text, expected) -> None:
    assert [(a.text, a.level, a.recipient) for a in run(finder, orgs, text)] == expected


@pytest.mark.parametrize("text", ASPIRATIONS)
def test_aspirations_are_not_awards(finder, orgs, text) -> None:
    assert titles(finder, orgs, text) == []


@pytest.mark.parametrize(
    "title,level",
    [
        ("黔东南州民族团结进步模范集体", "municipal"),
        ("锡林郭勒盟先进集体", "municipal"),
        ("阿坝州优秀民营企业", "municipal"),
        ("吉林省先进集体", "provincial"),
        ("吉林市先进集体", "municipal"),
        ("长沙县文明单位", "district"),
    ],
)
def test_level_of_every_prefecture(title: str, level: str) -> None:
    assert award_level(title) == level

from govreport_nlp.widths import fold_widths


def test_fold_keeps_length_and_maps_fullwidth_forms():
    text = "增长１２．４４％，总投资３．４４亿元（ＡＢｃ）　完成"
    folded = fold_widths(text)
    assert len(folded) == len(text)
    assert folded == "增长12.44%,总投资3.44亿元(ABc) 完成"


def test_fold_leaves_chinese_and_chinese_punctuation():
    text = "荣获“全国文明城市”称号、。——"
    assert fold_widths(text) == text

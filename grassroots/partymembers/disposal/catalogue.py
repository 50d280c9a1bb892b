"""The default criteria catalogue (S2 §4.8): a constructed default (inferred) refining the six
national categories; Sishui's own text replaces it when obtained (a new ``version``). Plain data,
read by the migration that seeds it (no model imports here)."""

VERSION = "default-2026"

# (code, category, text, source)
DEFAULT_CRITERIA = [
    ("C01", "belief", "理想信念缺失，不信马列信仰宣扬西方价值观和制度，经教育不改", "[S9]"),
    ("C02", "belief", "信仰宗教，经党组织帮助教育仍无转变", "[S5 art. 31(2)]"),
    ("C03", "belief", "组织、参与宗教、迷信、邪教或非法组织活动", "[S9] 宝山 3"),
    ("C04", "political", "散布政治谣言或损害党的形象的言论", "[S9]"),
    ("C05", "political", "因思想蜕化提出退党要求，经教育仍坚持", "[S5 art. 31(3)]"),
    ("C06", "political", "以退党为要挟，谋求个人目的", "[S5 art. 31(4)]"),
    ("C07", "political", "不通过正常渠道反映问题，组织或参与非正常上访、重复上访、闹访", "[S9] 宝山 5; [S10] ⑦"),
    ("C08", "purpose", "与民争利，损害群众利益", "[S9]"),
    ("C09", "purpose", "群众生命财产受到威胁时退缩不前，急难险重任务中袖手旁观", "[S9]; [S10] ④"),
    ("C10", "purpose", "服务态度差，吃拿卡要，被群众多次投诉经查属实", "[S9] 宝山 7; S1"),
    ("C11", "work", "不发挥先锋模范作用，表现落后于普通群众", "[S9]"),
    ("C12", "work", "无正当理由拒不接受组织分配的任务", "[S6 art. 9]; [S9]"),
    ("C13", "work", "长期无故旷工，推诿扯皮，不履行岗位职责", "[S9] 宝山 8"),
    ("C14", "work", "年度民主评议或积分评定结果为不合格", "[S10]; §4.6"),
    ("C15", "discipline", "无正当理由，连续6个月不参加党的组织生活", "[SEED]; [S6 art. 9]; [S5 art. 31(6)]"),
    ("C16", "discipline", "无正当理由，连续6个月不交纳党费", "[SEED]; [S6 art. 9]"),
    ("C17", "discipline", "不履行党员义务，连续6个月不做党所分配的工作", "[SEED]; [S6 art. 9]"),
    ("C18", "discipline", "全年缺席三会一课和主题党日超过一半", "inferred"),
    ("C19", "discipline", "流动党员不与党组织保持联系，不报告去向", "[S5 art. 29]"),
    ("C20", "discipline", "失去联系6个月以上，经查找有记录（先停止党籍）", "[S5 art. 24]"),
    ("C21", "discipline", "应转未转组织关系，成为“口袋党员”", "[S5 art. 25]; [A1]"),
    ("C22", "discipline", "在选举、推荐中搞非组织活动（拉票、贿选、威胁）", "[S9] 宝山 4; [S10] ③"),
    ("C23", "morals", "违背社会公德、职业道德、家庭美德", "[S9]"),
    ("C24", "morals", "不赡养父母、不抚养子女，虐待家庭成员", "[S9] 宝山 10"),
    ("C25", "morals", "参与赌博、吸毒、卖淫嫖娼等违法活动", "[S9] 宝山 9"),
    ("C26", "morals", "违法建设、违法用地、偷逃税款等违法行为，经教育不改", "[S9] 宝山 9"),
    ("C27", "morals", "贪图享乐，奢侈浪费，趣味低级，作风不正", "[S9]"),
    ("C28", "any", "限期改正期满仍无转变", "[S5 art. 31(5)]"),
]

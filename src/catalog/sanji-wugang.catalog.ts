import { OrgKind } from "../entities/enums";
import { DutyCategory as C, DutyType as D, EvidenceKind as E, PostKind, RequirementUnit as U } from "../entities/responsibility-enums";
import type { BuiltInCatalog, BuiltInItem } from "./built-in-catalog.types";

/**
 * 机关党建责任清单（三级五岗）: the built-in catalog.
 *
 * Written in this project's own words from the duties laid down in the 中国共产党党和国家
 * 机关基层组织工作条例, the 中国共产党支部工作条例（试行） and the 党委（党组）落实全面从严治党
 * 主体责任规定, arranged like Sichuan's 三级五岗 list: three levels of organisation (party
 * group; organ committee with organ discipline committee; branch) and five posts, 59 大项:
 *
 *   党组（党委）11 · 机关党委 10 + 机关纪委 5 · 党支部 6
 *   党组书记 7 · 党组其他成员 4 · 机关党委书记 5 · 机关纪委书记 5 · 党支部书记 6
 *
 * The weights of each subject's 大项 add up to 100; a 大项 with 小项 weighs the sum of
 * its 小项 (only leaves are scored). Quantitative items carry their frequency; the rest
 * are marked by an assessor. `derivesFrom` links an item to the organisation item above
 * it that it breaks down (层层分解), so assignCatalog builds the chains of 压力传导.
 */
const item = (
  code: string,
  title: string,
  description: string,
  dutyType: D,
  category: C,
  weight: number,
  evidenceKinds: E[],
  extra: Partial<Pick<BuiltInItem, "requirement" | "derivesFrom" | "children">> = {},
): BuiltInItem => ({ code, title, description, dutyType, category, weight, evidenceKinds, ...extra });

const per = (minCount: number, unit: U, evidenceKind: E) => ({ minCount, per: unit, evidenceKind });

const PARTY_GROUP: BuiltInItem[] = [
  item("PG-01", "把政治建设摆在首位", "坚决维护党中央权威和集中统一领导，严守政治纪律和政治规矩，结合本部门职责抓好党中央决策部署和上级要求的贯彻落实，定期检查落实情况。", D.PRIMARY, C.POLITICAL, 10, [E.MEETING, E.DOCUMENT, E.INSPECTION]),
  item("PG-02", "研究部署机关党建工作", "每年年初研究制定机关党建和全面从严治党工作计划，把党建工作与业务工作一起谋划、一起部署、一起推进、一起考核，及时研究解决重大问题。", D.PRIMARY, C.LEADERSHIP, 10, [E.MEETING, E.DOCUMENT]),
  item("PG-03", "抓好理论武装", "落实党组（党委）理论学习中心组学习制度，组织好党内集中学习教育，推动党的创新理论进机关、进支部、进头脑。", D.PRIMARY, C.IDEOLOGICAL, 9, [E.STUDY, E.MEETING]),
  item("PG-04", "落实意识形态工作责任制", "定期分析研判本部门意识形态领域情况，管好本部门的宣传阵地和网络阵地，对苗头性、倾向性问题及时处置。", D.PRIMARY, C.IDEOLOGICAL, 9, [E.MEETING, E.REPORT]),
  item("PG-05", "领导机关基层党组织建设", "领导和支持机关党委、机关纪委开展工作，按规定设置机关基层党组织并按期换届，配齐配强专兼职党务干部，保障党建工作经费和活动场所。", D.PRIMARY, C.ORGANIZATIONAL, 9, [E.MEETING, E.DOCUMENT]),
  item("PG-06", "坚持党管干部", "坚持好干部标准，选优配强基层党组织书记，推动党务干部和业务干部交流任职，把履行党建责任情况作为干部选拔任用的重要依据。", D.PRIMARY, C.ORGANIZATIONAL, 9, [E.MEETING, E.DOCUMENT]),
  item("PG-07", "持之以恒抓作风建设", "落实中央八项规定及其实施细则精神，紧盯形式主义、官僚主义等突出问题开展纠治，建设让党中央放心、让人民群众满意的模范机关。", D.PRIMARY, C.CONDUCT, 9, [E.MEETING, E.INSPECTION, E.DOCUMENT]),
  item("PG-08", "加强纪律建设", "经常开展党章党规党纪教育和警示教育，准确运用监督执纪\"四种形态\"，使严的氛围在机关长期保持。", D.PRIMARY, C.DISCIPLINE, 9, [E.STUDY, E.MEETING]),
  item("PG-09", "推进党风廉政建设和反腐败工作", "支持纪检监察机构和机关纪委履行监督责任，加强对权力运行的制约监督，排查廉政风险，对发现的问题抓好整改。", D.PRIMARY, C.ANTI_CORRUPTION, 9, [E.MEETING, E.INSPECTION, E.REPORT]),
  item("PG-10", "健全制度并分解责任", "健全机关党建工作制度，制定本部门责任清单，把责任逐级分解到机关党委、机关纪委、各支部和各岗位，形成一贯到底的责任链条。", D.PRIMARY, C.INSTITUTIONAL, 9, [E.DOCUMENT]),
  item("PG-11", "考核、述职与报告", "组织开展党建工作考核和基层党组织书记述职评议，考核结果与干部评价使用挂钩；每年向上级党组织报告履行全面从严治党主体责任情况。", D.PRIMARY, C.LEADERSHIP, 8, [E.REPORT, E.MEETING], {
    requirement: per(1, U.YEAR, E.REPORT),
  }),
];

const ORGAN_COMMITTEE: BuiltInItem[] = [
  item("OC-01", "建设模范机关", "教育引导机关党员干部增强\"四个意识\"、坚定\"四个自信\"、做到\"两个维护\"，在践行党的路线方针政策上走在前、作表率。", D.PRIMARY, C.POLITICAL, 10, [E.MEETING, E.ACTIVITY], { derivesFrom: "PG-01" }),
  item("OC-02", "协助党组抓党建", "协助党组（党委）落实全面从严治党主体责任，提出机关党建工作计划建议，每年向党组（党委）和上级机关工委报告工作。", D.PRIMARY, C.LEADERSHIP, 10, [E.REPORT, E.DOCUMENT], { derivesFrom: "PG-02" }),
  item("OC-03", "组织党员理论学习", "制定机关党员学习计划，组织专题学习、培训和研讨，督促各支部抓好党员经常性学习。", D.PRIMARY, C.IDEOLOGICAL, 10, [E.STUDY, E.DOCUMENT], { derivesFrom: "PG-03" }),
  item("OC-04", "加强基层组织建设", "按规定设置和调整支部，指导支部按期换届，推进支部标准化规范化建设，整顿软弱涣散支部。", D.PRIMARY, C.ORGANIZATIONAL, 10, [E.DOCUMENT, E.INSPECTION], { derivesFrom: "PG-05" }),
  item("OC-05", "督促落实组织生活制度", "督促指导各支部落实\"三会一课\"、主题党日、组织生活会、民主评议党员、谈心谈话等制度，定期抽查组织生活质量。", D.PRIMARY, C.ORGANIZATIONAL, 10, [E.INSPECTION, E.REPORT], { derivesFrom: "PG-05" }),
  item("OC-06", "做好党员教育管理", "做好发展党员、党员教育管理监督和服务工作，规范党费收缴使用管理，关心关爱党员和困难党员。", D.PRIMARY, C.ORGANIZATIONAL, 10, [E.DOCUMENT, E.MEETING], { derivesFrom: "PG-06" }),
  item("OC-07", "培训党务干部", "组织支部书记和党务干部培训，新任支部书记任职后及时培训，提高党务干部履职能力。", D.PRIMARY, C.ORGANIZATIONAL, 10, [E.STUDY, E.DOCUMENT], { requirement: per(1, U.YEAR, E.STUDY) }),
  item("OC-08", "推进机关作风建设", "对照中央八项规定精神查找机关作风方面的问题，督促整改，推动机关改进服务、提高效能。", D.PRIMARY, C.CONDUCT, 10, [E.INSPECTION, E.DOCUMENT], { derivesFrom: "PG-07" }),
  item("OC-09", "领导机关群团组织", "领导机关工会、共青团、妇女组织等群团组织，支持其依照章程开展工作，推进精神文明建设。", D.PRIMARY, C.ORGANIZATIONAL, 10, [E.MEETING, E.ACTIVITY]),
  item("OC-10", "完善制度与支部考核", "健全机关党建各项工作制度，制定支部工作考核办法，组织开展支部书记抓党建述职评议。", D.PRIMARY, C.INSTITUTIONAL, 10, [E.DOCUMENT, E.MEETING], { derivesFrom: "PG-10" }),
];

const DISCIPLINE_COMMITTEE: BuiltInItem[] = [
  item("DC-01", "开展日常监督", "监督检查机关党员干部遵守党章党规党纪、贯彻执行党的路线方针政策和决策部署的情况，发现问题及时提醒纠正。", D.SUPERVISORY, C.DISCIPLINE, 20, [E.INSPECTION, E.REPORT], { derivesFrom: "PG-09" }),
  item("DC-02", "开展纪律教育", "经常性开展纪律教育和警示教育，用身边事教育身边人，推动党员干部知敬畏、存戒惧、守底线。", D.SUPERVISORY, C.DISCIPLINE, 20, [E.STUDY, E.ACTIVITY], { derivesFrom: "PG-08" }),
  item("DC-03", "监督作风建设", "监督中央八项规定及其实施细则精神的落实，对\"四风\"问题线索及时处置。", D.SUPERVISORY, C.CONDUCT, 20, [E.INSPECTION]),
  item("DC-04", "处置问题线索", "受理党员和群众的检举、控告和申诉，协助有关部门处置问题线索，对违纪党员提出处理意见，准确运用\"四种形态\"。", D.SUPERVISORY, C.ANTI_CORRUPTION, 20, [E.DOCUMENT, E.TALK]),
  item("DC-05", "指导支部纪检委员", "协助机关党委加强党风廉政建设，指导各支部纪检委员开展工作，组织纪检委员业务培训。", D.SUPERVISORY, C.ANTI_CORRUPTION, 20, [E.MEETING, E.STUDY]),
];

const BRANCH: BuiltInItem[] = [
  item("BR-01", "发挥政治功能", "宣传和执行党的路线方针政策和上级决议，团结带领党员群众完成本单位任务，把政治标准落实到具体工作中。", D.PRIMARY, C.POLITICAL, 15, [E.MEETING, E.ACTIVITY], { derivesFrom: "OC-01" }),
  item("BR-02", "落实\"三会一课\"", "按规定的频次召开支部党员大会、支部委员会会议、党小组会，按时上好党课，做到内容充实、记录完整。", D.PRIMARY, C.ORGANIZATIONAL, 25, [E.MEETING, E.LECTURE], {
    derivesFrom: "OC-05",
    children: [
      item("BR-02-1", "支部党员大会", "支部党员大会一般每季度召开1次，讨论决定支部重要事项。", D.PRIMARY, C.ORGANIZATIONAL, 7, [E.MEETING], { requirement: per(1, U.QUARTER, E.MEETING) }),
      item("BR-02-2", "支部委员会会议", "支部委员会会议一般每月召开1次，研究安排支部工作。", D.PRIMARY, C.ORGANIZATIONAL, 6, [E.MEETING], { requirement: per(1, U.MONTH, E.MEETING) }),
      item("BR-02-3", "党小组会", "党小组会一般每月召开1次，组织党员学习、交流思想。", D.PRIMARY, C.ORGANIZATIONAL, 6, [E.MEETING], { requirement: per(1, U.MONTH, E.MEETING) }),
      item("BR-02-4", "党课", "党课每季度至少1次，由支部书记、班子成员或邀请的同志讲授。", D.PRIMARY, C.ORGANIZATIONAL, 6, [E.LECTURE], { requirement: per(1, U.QUARTER, E.LECTURE) }),
    ],
  }),
  item("BR-03", "开展主题党日", "每月相对固定一天开展主题党日，组织党员集中学习、过组织生活、开展志愿服务等活动。", D.PRIMARY, C.IDEOLOGICAL, 15, [E.ACTIVITY, E.STUDY], {
    derivesFrom: "OC-03",
    requirement: per(1, U.MONTH, E.ACTIVITY),
  }),
  item("BR-04", "组织生活会和民主评议党员", "每年至少召开1次组织生活会，开展批评和自我批评，同时开展民主评议党员。", D.PRIMARY, C.ORGANIZATIONAL, 15, [E.MEETING, E.REPORT], {
    derivesFrom: "OC-05",
    requirement: per(1, U.YEAR, E.MEETING),
  }),
  item("BR-05", "教育管理监督党员", "做好发展党员、党员日常教育管理和党费收缴，经常与党员谈心谈话，关心服务党员群众。", D.PRIMARY, C.ORGANIZATIONAL, 15, [E.TALK, E.DOCUMENT], { derivesFrom: "OC-06" }),
  item("BR-06", "严明作风和纪律", "教育党员遵守党的纪律和作风要求，发挥支部纪检委员作用，对党员苗头性问题早提醒、早纠正。", D.PRIMARY, C.DISCIPLINE, 15, [E.STUDY, E.TALK], { derivesFrom: "PG-08" }),
];

const PARTY_GROUP_SECRETARY: BuiltInItem[] = [
  item("PGS-01", "履行第一责任人职责", "对本部门全面从严治党负总责，重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办。", D.FIRST_PERSON, C.LEADERSHIP, 15, [E.MEETING, E.DOCUMENT], { derivesFrom: "PG-02" }),
  item("PGS-02", "主持研究全面从严治党", "主持召开党组（党委）会议专题研究全面从严治党、党的建设工作，每半年至少1次。", D.FIRST_PERSON, C.LEADERSHIP, 15, [E.MEETING], {
    derivesFrom: "PG-02",
    requirement: per(1, U.HALF_YEAR, E.MEETING),
  }),
  item("PGS-03", "带头学习和讲党课", "带头参加理论学习中心组学习，每年至少为机关党员干部讲1次党课。", D.FIRST_PERSON, C.IDEOLOGICAL, 14, [E.LECTURE, E.STUDY], {
    derivesFrom: "PG-03",
    requirement: per(1, U.YEAR, E.LECTURE),
  }),
  item("PGS-04", "抓班子带队伍", "加强班子自身建设，经常与班子成员和下级党组织主要负责人谈心谈话，督促其履行\"一岗双责\"。", D.FIRST_PERSON, C.ORGANIZATIONAL, 14, [E.TALK]),
  item("PGS-05", "建立党建联系点", "以普通党员身份参加所在支部组织生活，建立党建工作联系点，指导基层支部建设。", D.FIRST_PERSON, C.ORGANIZATIONAL, 14, [E.ACTIVITY, E.MEETING], { derivesFrom: "PG-05" }),
  item("PGS-06", "管好自己和身边人", "严格遵守廉洁自律规定，带头落实中央八项规定精神，管好亲属和身边工作人员。", D.FIRST_PERSON, C.DISCIPLINE, 14, [E.REPORT]),
  item("PGS-07", "述职并接受评议", "每年向上级党组织述抓基层党建工作和履行全面从严治党责任情况，接受评议。", D.FIRST_PERSON, C.LEADERSHIP, 14, [E.REPORT], {
    derivesFrom: "PG-11",
    requirement: per(1, U.YEAR, E.REPORT),
  }),
];

const PARTY_GROUP_MEMBER: BuiltInItem[] = [
  item("PGM-01", "落实\"一岗双责\"", "对分管领域的党建工作和全面从严治党负领导责任，把党建要求融入分管业务。", D.DUAL_DUTY, C.LEADERSHIP, 25, [E.MEETING, E.DOCUMENT], { derivesFrom: "PG-02" }),
  item("PGM-02", "指导分管单位党建", "定期听取分管单位党建工作情况汇报，指导联系支部开展工作。", D.DUAL_DUTY, C.ORGANIZATIONAL, 25, [E.MEETING, E.INSPECTION], { derivesFrom: "PG-05" }),
  item("PGM-03", "抓分管领域廉政建设", "对分管部门干部开展廉政提醒谈话，排查分管领域廉政风险，督促问题整改。", D.DUAL_DUTY, C.ANTI_CORRUPTION, 25, [E.TALK, E.INSPECTION], { derivesFrom: "PG-09" }),
  item("PGM-04", "过好双重组织生活", "参加党组（党委）民主生活会，以普通党员身份参加所在支部组织生活。", D.DUAL_DUTY, C.ORGANIZATIONAL, 25, [E.MEETING, E.ACTIVITY]),
];

const ORGAN_COMMITTEE_SECRETARY: BuiltInItem[] = [
  item("OCS-01", "抓机关党建第一责任", "对机关党委职责范围内的党建工作负直接责任，谋划推动机关党建重点任务。", D.FIRST_PERSON, C.LEADERSHIP, 20, [E.MEETING, E.DOCUMENT], { derivesFrom: "OC-02" }),
  item("OCS-02", "召开机关党委会议", "主持召开机关党委会议研究机关党建工作，每季度至少1次。", D.FIRST_PERSON, C.LEADERSHIP, 20, [E.MEETING], {
    derivesFrom: "OC-02",
    requirement: per(1, U.QUARTER, E.MEETING),
  }),
  item("OCS-03", "指导督促支部工作", "经常深入支部指导工作，督促支部书记履职，推动后进支部转化提升。", D.FIRST_PERSON, C.ORGANIZATIONAL, 20, [E.INSPECTION, E.TALK], { derivesFrom: "OC-05" }),
  item("OCS-04", "讲党课", "每年至少为机关党员讲1次党课。", D.FIRST_PERSON, C.IDEOLOGICAL, 20, [E.LECTURE], {
    derivesFrom: "OC-03",
    requirement: per(1, U.YEAR, E.LECTURE),
  }),
  item("OCS-05", "述职", "每年向党组（党委）和上级机关工委述抓机关党建工作情况。", D.FIRST_PERSON, C.LEADERSHIP, 20, [E.REPORT], { requirement: per(1, U.YEAR, E.REPORT) }),
];

const DISCIPLINE_SECRETARY: BuiltInItem[] = [
  item("DCS-01", "履行监督第一责任", "主持机关纪委工作，对机关党员干部遵规守纪情况负监督责任，聚焦主责主业。", D.SUPERVISORY, C.DISCIPLINE, 20, [E.MEETING, E.INSPECTION], { derivesFrom: "DC-01" }),
  item("DCS-02", "听取支部纪检委员汇报", "听取各支部纪检委员履职情况汇报，每半年至少1次，及时掌握支部纪律作风情况。", D.SUPERVISORY, C.DISCIPLINE, 20, [E.MEETING], {
    derivesFrom: "DC-05",
    requirement: per(1, U.HALF_YEAR, E.MEETING),
  }),
  item("DCS-03", "开展廉政谈话", "对新任职干部、重点岗位人员开展廉政谈话，对苗头性问题及时约谈提醒。", D.SUPERVISORY, C.ANTI_CORRUPTION, 20, [E.TALK]),
  item("DCS-04", "督办问题线索", "组织受理信访举报，督办问题线索处置，保证处置规范、结果及时报告。", D.SUPERVISORY, C.ANTI_CORRUPTION, 20, [E.DOCUMENT], { derivesFrom: "DC-04" }),
  item("DCS-05", "报告监督工作", "每年向机关党委和上级纪检监察机构报告监督执纪工作情况。", D.SUPERVISORY, C.DISCIPLINE, 20, [E.REPORT], { requirement: per(1, U.YEAR, E.REPORT) }),
];

const BRANCH_SECRETARY: BuiltInItem[] = [
  item("BRS-01", "履行支部建设第一责任", "对支部建设负总责，带头执行党的决议和上级部署，团结支部委员共同做好工作。", D.FIRST_PERSON, C.LEADERSHIP, 17, [E.MEETING], { derivesFrom: "BR-01" }),
  item("BRS-02", "主持\"三会一课\"", "组织召开支部党员大会和支部委员会会议，落实党小组会和党课制度，保证组织生活经常、认真、严肃。", D.FIRST_PERSON, C.ORGANIZATIONAL, 17, [E.MEETING], { derivesFrom: "BR-02" }),
  item("BRS-03", "讲党课", "每年至少为支部党员讲1次党课。", D.FIRST_PERSON, C.IDEOLOGICAL, 17, [E.LECTURE], { requirement: per(1, U.YEAR, E.LECTURE) }),
  item("BRS-04", "谈心谈话", "经常与支部委员和党员谈心谈话，掌握思想动态，帮助解决实际困难。", D.FIRST_PERSON, C.ORGANIZATIONAL, 17, [E.TALK], { derivesFrom: "BR-05" }),
  item("BRS-05", "管好党员队伍", "抓好党员发展、教育管理和组织关系转接，督促党员按时足额交纳党费。", D.FIRST_PERSON, C.ORGANIZATIONAL, 16, [E.DOCUMENT], { derivesFrom: "BR-05" }),
  item("BRS-06", "述职", "每年向机关党委述抓支部党建工作情况，接受党员评议。", D.FIRST_PERSON, C.LEADERSHIP, 16, [E.REPORT], { requirement: per(1, U.YEAR, E.REPORT) }),
];

export const SANJI_WUGANG_CATALOG: BuiltInCatalog = {
  code: "SANJI-WUGANG",
  title: "机关党建责任清单（三级五岗）",
  description:
    "三级：党组（党委）、机关党委和机关纪委、党支部；五岗：党组书记、党组其他成员、机关党委书记、机关纪委书记、党支部书记。共59个大项。" +
    " Three levels of organisation and five posts; 59 top-level items.",
  sections: [
    { subjectOrgKind: OrgKind.PARTY_GROUP, items: PARTY_GROUP },
    { subjectOrgKind: OrgKind.ORGAN_COMMITTEE, items: ORGAN_COMMITTEE },
    { subjectOrgKind: OrgKind.DISCIPLINE_COMMITTEE, items: DISCIPLINE_COMMITTEE },
    { subjectOrgKind: OrgKind.BRANCH, items: BRANCH },
    { subjectPostKind: PostKind.PARTY_GROUP_SECRETARY, items: PARTY_GROUP_SECRETARY },
    { subjectPostKind: PostKind.PARTY_GROUP_MEMBER, items: PARTY_GROUP_MEMBER },
    { subjectPostKind: PostKind.ORGAN_COMMITTEE_SECRETARY, items: ORGAN_COMMITTEE_SECRETARY },
    { subjectPostKind: PostKind.DISCIPLINE_SECRETARY, items: DISCIPLINE_SECRETARY },
    { subjectPostKind: PostKind.BRANCH_SECRETARY, items: BRANCH_SECRETARY },
  ],
};

/**
 * Data lists for the generated demonstration and benchmark data: the agencies of a fictional but
 * real-looking province (before and after the 2025 reorganisation), the Committee's leaders, the fields,
 * and text templates for documents, tasks, reports and decisions.
 *
 * Placeholders in templates, filled by the generator: {topic}, {project}, {coord}, {deadline}, {group},
 * {parent}, {day}, {pct}, {n}, {docno}, {date}, {month}, {agency}, {year}, {prevYear}, {nextYear}, {period}.
 */
import type { AgencyKind, Role } from '../db/schema.js';

/** The day the district level was abolished and the new communes started (two-tier local government). */
export const REORGANISATION_DAY = '2025-07-01';
/** The day the merged provincial departments started (Nghị quyết 18-NQ/TW arrangement). */
export const DEPARTMENT_MERGER_DAY = '2025-03-01';
/** Validity start of the agencies that existed before the period the data covers. */
export const LONG_AGO = '2008-08-01';

export interface FormerName {
  name: string;
  shortName: string;
  /** Last day the name was used. */
  validTo: string;
}

export interface AgencySeed {
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  /** Code of the managing body, if any. */
  parent?: string;
  validFrom: string;
  validTo?: string;
  /** Codes of the agencies that take over open tasks when this one ends; the first is `successor_id`. */
  successors?: string[];
  /** Earlier names, oldest first (for `agency_names`). */
  formerNames?: FormerName[];
  /** Symbol used in the agency's own document numbers ('STC' → 125/BC-STC). */
  symbol: string;
}

/** ASCII upper-case code part of a Vietnamese name: 'An Bình' → 'AN-BINH'. */
export function codeOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const MERGER_EVE = '2025-02-28';
const REORG_EVE = '2025-06-30';

const OFFICES: AgencySeed[] = [
  {
    code: 'UBND',
    name: 'Ủy ban nhân dân tỉnh',
    shortName: 'UBND tỉnh',
    kind: 'office',
    validFrom: LONG_AGO,
    symbol: 'UBND',
  },
  {
    code: 'VPUBND',
    name: 'Văn phòng Ủy ban nhân dân tỉnh',
    shortName: 'Văn phòng UBND tỉnh',
    kind: 'office',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'VPUBND',
  },
];

const DEPARTMENTS: AgencySeed[] = [
  {
    code: 'STC',
    name: 'Sở Tài chính',
    shortName: 'Sở Tài chính',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'STC',
  },
  {
    code: 'SKHDT',
    name: 'Sở Kế hoạch và Đầu tư',
    shortName: 'Sở KH&ĐT',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    validTo: MERGER_EVE,
    successors: ['STC'],
    symbol: 'SKHĐT',
  },
  {
    code: 'SNV',
    name: 'Sở Nội vụ',
    shortName: 'Sở Nội vụ',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'SNV',
  },
  {
    code: 'SLDTBXH',
    name: 'Sở Lao động – Thương binh và Xã hội',
    shortName: 'Sở LĐ-TB&XH',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    validTo: MERGER_EVE,
    successors: ['SNV'],
    symbol: 'SLĐTBXH',
  },
  {
    code: 'STP',
    name: 'Sở Tư pháp',
    shortName: 'Sở Tư pháp',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'STP',
  },
  {
    code: 'SCT',
    name: 'Sở Công Thương',
    shortName: 'Sở Công Thương',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'SCT',
  },
  {
    code: 'SXD',
    name: 'Sở Xây dựng',
    shortName: 'Sở Xây dựng',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'SXD',
  },
  {
    code: 'SGTVT',
    name: 'Sở Giao thông vận tải',
    shortName: 'Sở GTVT',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    validTo: MERGER_EVE,
    successors: ['SXD'],
    symbol: 'SGTVT',
  },
  {
    code: 'SNNMT',
    name: 'Sở Nông nghiệp và Môi trường',
    shortName: 'Sở NN&MT',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Sở Nông nghiệp và Phát triển nông thôn', shortName: 'Sở NN&PTNT', validTo: MERGER_EVE }],
    symbol: 'SNNMT',
  },
  {
    code: 'STNMT',
    name: 'Sở Tài nguyên và Môi trường',
    shortName: 'Sở TN&MT',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    validTo: MERGER_EVE,
    successors: ['SNNMT'],
    symbol: 'STNMT',
  },
  {
    code: 'SYT',
    name: 'Sở Y tế',
    shortName: 'Sở Y tế',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'SYT',
  },
  {
    code: 'SGDDT',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'Sở GD&ĐT',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'SGDĐT',
  },
  {
    code: 'SVHTTDL',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    shortName: 'Sở VHTT&DL',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'SVHTTDL',
  },
  {
    code: 'SKHCN',
    name: 'Sở Khoa học và Công nghệ',
    shortName: 'Sở KH&CN',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'SKHCN',
  },
  {
    code: 'STTTT',
    name: 'Sở Thông tin và Truyền thông',
    shortName: 'Sở TT&TT',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    validTo: MERGER_EVE,
    successors: ['SKHCN'],
    symbol: 'STTTT',
  },
  {
    code: 'SDTTG',
    name: 'Sở Dân tộc và Tôn giáo',
    shortName: 'Sở DT&TG',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Ban Dân tộc tỉnh', shortName: 'Ban Dân tộc', validTo: MERGER_EVE }],
    symbol: 'SDTTG',
  },
  {
    code: 'TTT',
    name: 'Thanh tra tỉnh',
    shortName: 'Thanh tra tỉnh',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'TTr',
  },
  {
    code: 'CAT',
    name: 'Công an tỉnh',
    shortName: 'Công an tỉnh',
    kind: 'department',
    validFrom: LONG_AGO,
    symbol: 'CAT',
  },
  {
    code: 'BCHQS',
    name: 'Bộ Chỉ huy Quân sự tỉnh',
    shortName: 'Bộ CHQS tỉnh',
    kind: 'department',
    validFrom: LONG_AGO,
    symbol: 'BCH',
  },
  {
    code: 'BQLKKT',
    name: 'Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh',
    shortName: 'Ban QL KKT&KCN',
    kind: 'department',
    parent: 'UBND',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Ban Quản lý các khu công nghiệp tỉnh', shortName: 'Ban QL các KCN', validTo: '2024-06-30' }],
    symbol: 'BQL',
  },
];

const MASS_ORGS: AgencySeed[] = [
  {
    code: 'MTTQ',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
    shortName: 'UB MTTQ tỉnh',
    kind: 'mass_org',
    validFrom: LONG_AGO,
    symbol: 'MTTQ',
  },
  {
    code: 'TINHDOAN',
    name: 'Tỉnh đoàn',
    shortName: 'Tỉnh đoàn',
    kind: 'mass_org',
    validFrom: LONG_AGO,
    symbol: 'TĐTN',
  },
  {
    code: 'HLHPN',
    name: 'Hội Liên hiệp Phụ nữ tỉnh',
    shortName: 'Hội LHPN tỉnh',
    kind: 'mass_org',
    validFrom: LONG_AGO,
    symbol: 'HPN',
  },
  {
    code: 'HND',
    name: 'Hội Nông dân tỉnh',
    shortName: 'Hội Nông dân tỉnh',
    kind: 'mass_org',
    validFrom: LONG_AGO,
    symbol: 'HND',
  },
  {
    code: 'LDLD',
    name: 'Liên đoàn Lao động tỉnh',
    shortName: 'LĐLĐ tỉnh',
    kind: 'mass_org',
    validFrom: LONG_AGO,
    symbol: 'LĐLĐ',
  },
  {
    code: 'HCCB',
    name: 'Hội Cựu chiến binh tỉnh',
    shortName: 'Hội CCB tỉnh',
    kind: 'mass_org',
    validFrom: LONG_AGO,
    symbol: 'CCB',
  },
];

const SERVICE_UNITS: AgencySeed[] = [
  {
    code: 'DPTTH',
    name: 'Đài Phát thanh và Truyền hình tỉnh',
    shortName: 'Đài PT-TH tỉnh',
    kind: 'service_unit',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'PTTH',
  },
  {
    code: 'BVDK',
    name: 'Bệnh viện Đa khoa tỉnh',
    shortName: 'BV Đa khoa tỉnh',
    kind: 'service_unit',
    parent: 'SYT',
    validFrom: LONG_AGO,
    symbol: 'BVĐK',
  },
  {
    code: 'TCD',
    name: 'Trường Cao đẳng Kỹ thuật – Công nghệ tỉnh',
    shortName: 'Trường CĐ KT-CN',
    kind: 'service_unit',
    parent: 'SGDDT',
    validFrom: LONG_AGO,
    symbol: 'CĐKTCN',
  },
  {
    code: 'BQLDA',
    name: 'Ban Quản lý dự án đầu tư xây dựng tỉnh',
    shortName: 'Ban QLDA ĐTXD tỉnh',
    kind: 'service_unit',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'BQLDA',
  },
  {
    code: 'TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công tỉnh',
    shortName: 'TT Phục vụ HCC',
    kind: 'service_unit',
    parent: 'VPUBND',
    validFrom: LONG_AGO,
    symbol: 'TTPVHCC',
  },
  {
    code: 'TTXT',
    name: 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh',
    shortName: 'TT Xúc tiến ĐT-TM-DL',
    kind: 'service_unit',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'TTXT',
  },
  {
    code: 'QPTD',
    name: 'Quỹ Phát triển đất tỉnh',
    shortName: 'Quỹ Phát triển đất',
    kind: 'service_unit',
    parent: 'UBND',
    validFrom: LONG_AGO,
    symbol: 'QPTĐ',
  },
];

const CENTRAL: AgencySeed[] = [
  {
    code: 'THUE',
    name: 'Thuế tỉnh',
    shortName: 'Thuế tỉnh',
    kind: 'central',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Cục Thuế tỉnh', shortName: 'Cục Thuế', validTo: REORG_EVE }],
    symbol: 'THUE',
  },
  {
    code: 'KBNN',
    name: 'Kho bạc Nhà nước khu vực XII',
    shortName: 'KBNN khu vực XII',
    kind: 'central',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Kho bạc Nhà nước tỉnh', shortName: 'KBNN tỉnh', validTo: MERGER_EVE }],
    symbol: 'KBNN',
  },
  {
    code: 'HQ',
    name: 'Chi cục Hải quan khu vực XIV',
    shortName: 'Chi cục Hải quan KV XIV',
    kind: 'central',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Cục Hải quan tỉnh', shortName: 'Cục Hải quan', validTo: MERGER_EVE }],
    symbol: 'HQ',
  },
  {
    code: 'BHXH',
    name: 'Bảo hiểm xã hội tỉnh',
    shortName: 'BHXH tỉnh',
    kind: 'central',
    validFrom: LONG_AGO,
    symbol: 'BHXH',
  },
  {
    code: 'TKE',
    name: 'Thống kê tỉnh',
    shortName: 'Thống kê tỉnh',
    kind: 'central',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Cục Thống kê tỉnh', shortName: 'Cục Thống kê', validTo: MERGER_EVE }],
    symbol: 'TK',
  },
  {
    code: 'NHNN',
    name: 'Ngân hàng Nhà nước chi nhánh Khu vực 9',
    shortName: 'NHNN KV 9',
    kind: 'central',
    validFrom: LONG_AGO,
    formerNames: [{ name: 'Ngân hàng Nhà nước chi nhánh tỉnh', shortName: 'NHNN tỉnh', validTo: MERGER_EVE }],
    symbol: 'NHNN',
  },
  {
    code: 'DIENLUC',
    name: 'Công ty Điện lực tỉnh',
    shortName: 'Điện lực tỉnh',
    kind: 'enterprise',
    validFrom: LONG_AGO,
    symbol: 'PC',
  },
  {
    code: 'CAPNUOC',
    name: 'Công ty Cổ phần Cấp thoát nước tỉnh',
    shortName: 'Cấp thoát nước',
    kind: 'enterprise',
    validFrom: LONG_AGO,
    symbol: 'CTN',
  },
];

interface DistrictSeed {
  key: string;
  name: string;
  /** 'thành phố' | 'thị xã' | 'huyện' */
  level: string;
  /** New communes on its territory (from 1/7/2025), 'Phường …' or 'Xã …'; the first is the main successor. */
  communes: string[];
}

const DISTRICT_SEEDS: DistrictSeed[] = [
  {
    key: 'DONGHAI',
    name: 'Đông Hải',
    level: 'thành phố',
    communes: [
      'Phường Đông Hải',
      'Phường Bắc Hải',
      'Phường Nam Hải',
      'Phường Tân An',
      'Phường Hòa Bình',
      'Xã Đông Phước',
    ],
  },
  {
    key: 'PHULAM',
    name: 'Phú Lâm',
    level: 'thị xã',
    communes: ['Phường Phú Lâm', 'Phường Phú Hòa', 'Phường Phú Thịnh', 'Xã Phú Xuân', 'Xã Lâm Sơn', 'Xã Phú Mỹ'],
  },
  {
    key: 'TANPHONG',
    name: 'Tân Phong',
    level: 'huyện',
    communes: ['Xã Tân Phong', 'Xã Tân Hưng', 'Xã Tân Lập', 'Xã Phong Thạnh', 'Xã Hòa Hiệp', 'Xã Tân Thành'],
  },
  {
    key: 'ANLAC',
    name: 'An Lạc',
    level: 'huyện',
    communes: ['Xã An Lạc', 'Xã An Bình', 'Xã An Phú', 'Xã Lạc Hòa', 'Xã An Thạnh', 'Xã Bình Minh'],
  },
  {
    key: 'THUANHOA',
    name: 'Thuận Hòa',
    level: 'huyện',
    communes: ['Xã Thuận Hòa', 'Xã Thuận Lợi', 'Xã Hòa Thuận', 'Xã Phước Thuận', 'Xã Thuận Nghĩa', 'Xã Hòa Khánh'],
  },
  {
    key: 'VINHTHANH',
    name: 'Vĩnh Thạnh',
    level: 'huyện',
    communes: ['Xã Vĩnh Thạnh', 'Xã Vĩnh Hảo', 'Xã Vĩnh Lợi', 'Xã Thạnh Phú', 'Xã Vĩnh Tân', 'Xã Vĩnh Hòa'],
  },
  {
    key: 'NGHIAHUNG',
    name: 'Nghĩa Hưng',
    level: 'huyện',
    communes: ['Xã Nghĩa Hưng', 'Xã Nghĩa Lâm', 'Xã Hưng Đạo', 'Xã Nghĩa Phú', 'Xã Hưng Thịnh', 'Xã Nghĩa Sơn'],
  },
  {
    key: 'LONGMY',
    name: 'Long Mỹ',
    level: 'huyện',
    communes: ['Xã Long Mỹ', 'Xã Long Phú', 'Xã Mỹ Lộc', 'Xã Long Trị', 'Xã Mỹ Hòa', 'Xã Long Bình'],
  },
  {
    key: 'SONHA',
    name: 'Sơn Hà',
    level: 'huyện',
    communes: ['Xã Sơn Hà', 'Xã Sơn Thủy', 'Xã Sơn Linh', 'Xã Hà Thành', 'Xã Sơn Kỳ', 'Xã Sơn Trung'],
  },
  {
    key: 'CATTIEN',
    name: 'Cát Tiên',
    level: 'huyện',
    communes: ['Xã Cát Tiên', 'Xã Cát Lâm', 'Xã Tiên Hưng', 'Xã Cát Thành', 'Xã Cát Hanh', 'Xã Tiên Phước'],
  },
];

/** 'Phường Đông Hải' → code 'P-DONG-HAI'; 'Xã An Bình' → 'X-AN-BINH'. */
export function communeCode(communeName: string): string {
  const ward = communeName.startsWith('Phường ');
  const bare = communeName.replace(/^(Phường|Xã) /, '');
  return `${ward ? 'P' : 'X'}-${codeOf(bare)}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const COMMUNES: AgencySeed[] = DISTRICT_SEEDS.flatMap((d) =>
  d.communes.map((c) => ({
    code: communeCode(c),
    name: `UBND ${lowerFirst(c)}`,
    shortName: c,
    kind: 'commune' as const,
    validFrom: REORGANISATION_DAY,
    symbol: 'UBND',
  })),
);

const DISTRICTS: AgencySeed[] = DISTRICT_SEEDS.map((d) => ({
  code: `H-${d.key}`,
  name: `UBND ${d.level} ${d.name}`,
  shortName: `${d.level === 'huyện' ? 'H.' : d.level === 'thị xã' ? 'TX.' : 'TP.'} ${d.name}`,
  kind: 'district' as const,
  validFrom: LONG_AGO,
  validTo: REORG_EVE,
  successors: d.communes.map(communeCode),
  symbol: 'UBND',
}));

/** Every agency, in display order. */
export const AGENCY_SEEDS: readonly AgencySeed[] = [
  ...OFFICES,
  ...DEPARTMENTS,
  ...MASS_ORGS,
  ...SERVICE_UNITS,
  ...CENTRAL,
  ...DISTRICTS,
  ...COMMUNES,
];

export interface LeaderSeed {
  username: string;
  fullName: string;
  position: string;
  /** Field codes the leader is in charge of. */
  fields: string[];
}

export const LEADER_SEEDS: readonly LeaderSeed[] = [
  { username: 'chutich', fullName: 'Trần Quốc Hưng', position: 'Chủ tịch UBND tỉnh', fields: ['NC', 'CCHC'] },
  {
    username: 'pct1',
    fullName: 'Lê Thị Thu Hà',
    position: 'Phó Chủ tịch Thường trực UBND tỉnh',
    fields: ['TCNS', 'DTC'],
  },
  { username: 'pct2', fullName: 'Nguyễn Minh Tuấn', position: 'Phó Chủ tịch UBND tỉnh', fields: ['DD', 'XD', 'GT'] },
  { username: 'pct3', fullName: 'Phạm Văn Lợi', position: 'Phó Chủ tịch UBND tỉnh', fields: ['NN', 'MT'] },
  { username: 'pct4', fullName: 'Hoàng Thị Mai Anh', position: 'Phó Chủ tịch UBND tỉnh', fields: ['YT', 'GD'] },
  { username: 'pct5', fullName: 'Võ Đức Thịnh', position: 'Phó Chủ tịch UBND tỉnh', fields: ['VHXH', 'DL'] },
  { username: 'pct6', fullName: 'Đặng Ngọc Sơn', position: 'Phó Chủ tịch UBND tỉnh', fields: ['CT', 'CDS'] },
];

export interface FieldSeed {
  code: string;
  name: string;
  nameEn: string;
  /** Agencies that usually lead tasks of the field (ended ones are replaced by their successor). */
  agencies: string[];
  /** Share of tasks led by a district / commune. */
  local: number;
  /** Drafting unit of the Office for official letters (1234/UBND-KT). */
  officeUnit: string;
  /** Index of the office specialist who follows the field. */
  specialist: number;
  topics: string[];
  /** Whether the field's tasks are often about investment projects. */
  projects: boolean;
}

export const FIELD_SEEDS: readonly FieldSeed[] = [
  {
    code: 'TCNS',
    name: 'Tài chính – Ngân sách',
    nameEn: 'Finance and budget',
    agencies: ['STC', 'STC', 'THUE', 'KBNN'],
    local: 0.1,
    officeUnit: 'KT',
    specialist: 0,
    projects: false,
    topics: [
      'thu ngân sách nhà nước năm {year}',
      'quản lý, sử dụng tài sản công tại các cơ quan, đơn vị',
      'thực hành tiết kiệm, chống lãng phí',
      'quyết toán ngân sách địa phương năm {prevYear}',
      'sắp xếp lại, xử lý nhà, đất thuộc sở hữu nhà nước',
      'điều hành dự toán ngân sách địa phương năm {year}',
      'chống thất thu thuế, thu hồi nợ đọng thuế',
    ],
  },
  {
    code: 'DTC',
    name: 'Đầu tư công',
    nameEn: 'Public investment',
    agencies: ['SKHDT', 'STC', 'BQLDA', 'SXD'],
    local: 0.2,
    officeUnit: 'KT',
    specialist: 0,
    projects: true,
    topics: [
      'giải ngân kế hoạch vốn đầu tư công năm {year}',
      'kế hoạch đầu tư công trung hạn giai đoạn 2026–2030',
      'xử lý các dự án chậm tiến độ, chậm giải ngân',
      'điều chỉnh chủ trương đầu tư các dự án sử dụng vốn ngân sách tỉnh',
      'quyết toán dự án hoàn thành sử dụng vốn nhà nước',
    ],
  },
  {
    code: 'DD',
    name: 'Đất đai',
    nameEn: 'Land',
    agencies: ['STNMT', 'SNNMT', 'QPTD'],
    local: 0.4,
    officeUnit: 'KTN',
    specialist: 1,
    projects: true,
    topics: [
      'cấp giấy chứng nhận quyền sử dụng đất lần đầu',
      'xây dựng bảng giá đất áp dụng từ ngày 01/01/{nextYear}',
      'xử lý các trường hợp vi phạm pháp luật về đất đai',
      'đấu giá quyền sử dụng đất các khu đất công',
      'lập kế hoạch sử dụng đất năm {nextYear}',
      'thu hồi đất, giao đất, cho thuê đất thực hiện dự án',
    ],
  },
  {
    code: 'XD',
    name: 'Xây dựng',
    nameEn: 'Construction',
    agencies: ['SXD', 'SXD', 'BQLDA'],
    local: 0.25,
    officeUnit: 'KTN',
    specialist: 1,
    projects: true,
    topics: [
      'phát triển nhà ở xã hội',
      'quản lý trật tự xây dựng trên địa bàn',
      'điều chỉnh quy hoạch chung đô thị Đông Hải',
      'xóa nhà tạm, nhà dột nát',
      'kiểm tra công tác nghiệm thu công trình xây dựng',
      'quản lý vật liệu xây dựng thông thường',
    ],
  },
  {
    code: 'GT',
    name: 'Giao thông',
    nameEn: 'Transport',
    agencies: ['SGTVT', 'SXD', 'CAT'],
    local: 0.2,
    officeUnit: 'KTN',
    specialist: 1,
    projects: true,
    topics: [
      'bảo đảm trật tự, an toàn giao thông',
      'quản lý, bảo trì hệ thống đường tỉnh',
      'xử lý các điểm đen tai nạn giao thông',
      'quản lý hoạt động vận tải hành khách bằng xe ô tô',
      'lập lại trật tự hành lang an toàn đường bộ',
    ],
  },
  {
    code: 'NN',
    name: 'Nông nghiệp',
    nameEn: 'Agriculture',
    agencies: ['SNNMT'],
    local: 0.35,
    officeUnit: 'KTN',
    specialist: 2,
    projects: false,
    topics: [
      'phòng, chống bệnh dịch tả lợn châu Phi',
      'xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu',
      'phòng, chống thiên tai và tìm kiếm cứu nạn',
      'chống khai thác hải sản bất hợp pháp, không báo cáo và không theo quy định (IUU)',
      'phát triển sản phẩm OCOP',
      'bảo vệ và phát triển rừng',
      'chuyển đổi cơ cấu cây trồng trên đất trồng lúa',
    ],
  },
  {
    code: 'MT',
    name: 'Môi trường',
    nameEn: 'Environment',
    agencies: ['STNMT', 'SNNMT'],
    local: 0.3,
    officeUnit: 'KTN',
    specialist: 1,
    projects: false,
    topics: [
      'thu gom, xử lý chất thải rắn sinh hoạt',
      'kiểm soát ô nhiễm môi trường tại các cụm công nghiệp',
      'quản lý hoạt động khai thác khoáng sản',
      'cấp giấy phép môi trường cho các cơ sở sản xuất',
      'quan trắc chất lượng nước sông Cái',
    ],
  },
  {
    code: 'YT',
    name: 'Y tế',
    nameEn: 'Health',
    agencies: ['SYT', 'SYT', 'BVDK', 'BHXH'],
    local: 0.15,
    officeUnit: 'KGVX',
    specialist: 2,
    projects: false,
    topics: [
      'phòng, chống dịch bệnh truyền nhiễm',
      'bảo đảm thuốc, vật tư y tế cho các cơ sở khám bệnh, chữa bệnh',
      'bảo đảm an toàn thực phẩm',
      'củng cố, phát triển mạng lưới y tế cơ sở',
      'bao phủ bảo hiểm y tế toàn dân',
    ],
  },
  {
    code: 'GD',
    name: 'Giáo dục',
    nameEn: 'Education',
    agencies: ['SGDDT', 'SGDDT', 'TCD'],
    local: 0.15,
    officeUnit: 'KGVX',
    specialist: 2,
    projects: false,
    topics: [
      'tổ chức kỳ thi tốt nghiệp trung học phổ thông năm {year}',
      'sắp xếp mạng lưới trường, lớp học',
      'tuyển dụng, bố trí giáo viên còn thiếu',
      'xây dựng trường đạt chuẩn quốc gia',
      'xây dựng phòng học, nhà vệ sinh cho các điểm trường lẻ',
    ],
  },
  {
    code: 'VHXH',
    name: 'Văn hóa – Xã hội',
    nameEn: 'Culture and social affairs',
    agencies: ['SVHTTDL', 'SLDTBXH', 'SNV', 'SDTTG', 'MTTQ', 'HLHPN', 'TINHDOAN', 'LDLD'],
    local: 0.15,
    officeUnit: 'KGVX',
    specialist: 2,
    projects: false,
    topics: [
      'giảm nghèo bền vững',
      'chăm lo Tết Nguyên đán cho người có công, hộ nghèo và các đối tượng bảo trợ xã hội',
      'giải quyết việc làm, đào tạo nghề cho lao động nông thôn',
      'tổ chức các hoạt động kỷ niệm các ngày lễ lớn năm {year}',
      'bảo tồn, phát huy giá trị các di tích lịch sử – văn hóa',
      'thực hiện chính sách đối với người có công với cách mạng',
    ],
  },
  {
    code: 'NC',
    name: 'Nội chính',
    nameEn: 'Internal affairs',
    agencies: ['CAT', 'TTT', 'STP', 'BCHQS'],
    local: 0.15,
    officeUnit: 'NC',
    specialist: 3,
    projects: false,
    topics: [
      'giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh của công dân',
      'phòng, chống tội phạm và tệ nạn ma túy',
      'thực hiện các kết luận thanh tra',
      'tiếp công dân định kỳ và đột xuất',
      'phòng, chống tham nhũng, tiêu cực',
      'diễn tập khu vực phòng thủ năm {year}',
    ],
  },
  {
    code: 'CCHC',
    name: 'Cải cách hành chính',
    nameEn: 'Administrative reform',
    agencies: ['SNV', 'STP', 'VPUBND', 'TTPVHCC'],
    local: 0.15,
    officeUnit: 'TH',
    specialist: 3,
    projects: false,
    topics: [
      'cải cách thủ tục hành chính',
      'nâng cao Chỉ số cải cách hành chính (PAR INDEX) của tỉnh',
      'thực hiện cơ chế một cửa, một cửa liên thông',
      'sắp xếp tổ chức bộ máy, tinh giản biên chế',
      'nâng cao Chỉ số hài lòng của người dân, tổ chức (SIPAS)',
    ],
  },
  {
    code: 'CDS',
    name: 'Chuyển đổi số',
    nameEn: 'Digital transformation',
    agencies: ['STTTT', 'SKHCN', 'VPUBND', 'CAT'],
    local: 0.1,
    officeUnit: 'TH',
    specialist: 3,
    projects: false,
    topics: [
      'cung cấp dịch vụ công trực tuyến toàn trình',
      'triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư',
      'xây dựng các cơ sở dữ liệu chuyên ngành',
      'bảo đảm an toàn thông tin mạng',
      'số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
    ],
  },
  {
    code: 'CT',
    name: 'Công Thương',
    nameEn: 'Industry and trade',
    agencies: ['SCT', 'SCT', 'BQLKKT', 'DIENLUC'],
    local: 0.1,
    officeUnit: 'KT',
    specialist: 0,
    projects: false,
    topics: [
      'bình ổn thị trường hàng hóa dịp Tết Nguyên đán',
      'phát triển các cụm công nghiệp',
      'chống buôn lậu, gian lận thương mại và hàng giả',
      'xúc tiến thương mại, mở rộng thị trường tiêu thụ nông sản',
      'bảo đảm cung ứng điện mùa khô năm {year}',
    ],
  },
  {
    code: 'DL',
    name: 'Du lịch',
    nameEn: 'Tourism',
    agencies: ['SVHTTDL', 'SVHTTDL', 'TTXT'],
    local: 0.1,
    officeUnit: 'KGVX',
    specialist: 2,
    projects: false,
    topics: [
      'phát triển du lịch cộng đồng',
      'tổ chức Tuần lễ Văn hóa – Du lịch tỉnh năm {year}',
      'quảng bá, xúc tiến du lịch',
      'bảo đảm an ninh, an toàn cho khách du lịch',
      'thu hút đầu tư các dự án du lịch ven biển',
    ],
  },
];

/** Investment projects ("dự án …"), used by fields with `projects`. */
export const PROJECTS: readonly string[] = [
  'đường ven biển đoạn qua thành phố Đông Hải',
  'nâng cấp, mở rộng Đường tỉnh 752',
  'cầu Tân Phong bắc qua sông Cái',
  'Bệnh viện Đa khoa tỉnh (cơ sở 2)',
  'Khu tái định cư phường Bắc Hải',
  'hồ chứa nước Sơn Hà',
  'kè chống sạt lở bờ sông Cái đoạn qua xã Vĩnh Thạnh',
  'Trung tâm Hành chính tỉnh',
  'Khu công nghiệp Phú Lâm',
  'hạ tầng kỹ thuật Cụm công nghiệp An Lạc',
  'đường liên huyện Long Mỹ – Nghĩa Hưng',
  'Khu đô thị mới phía Nam thành phố Đông Hải',
];

// ---- users ----

export interface UserSeed {
  username: string;
  fullName: string;
  title: string;
  role: Role;
  agency: string;
}

export const ADMIN_SEED: UserSeed = {
  username: 'admin',
  fullName: 'Bùi Văn Khoa',
  title: 'Quản trị hệ thống',
  role: 'admin',
  agency: 'VPUBND',
};

export const SPECIALIST_SEEDS: readonly UserSeed[] = [
  {
    username: 'chuyenvien1',
    fullName: 'Nguyễn Thị Lan',
    title: 'Chuyên viên Phòng Kinh tế',
    role: 'office_specialist',
    agency: 'VPUBND',
  },
  {
    username: 'chuyenvien2',
    fullName: 'Trần Văn Nam',
    title: 'Chuyên viên Phòng Kinh tế ngành',
    role: 'office_specialist',
    agency: 'VPUBND',
  },
  {
    username: 'chuyenvien3',
    fullName: 'Lê Thị Hồng Nhung',
    title: 'Chuyên viên Phòng Khoa giáo – Văn xã',
    role: 'office_specialist',
    agency: 'VPUBND',
  },
  {
    username: 'chuyenvien4',
    fullName: 'Phạm Quang Huy',
    title: 'Chuyên viên Phòng Nội chính',
    role: 'office_specialist',
    agency: 'VPUBND',
  },
];

export const OFFICE_LEAD_SEEDS: readonly UserSeed[] = [
  {
    username: 'chanhvp',
    fullName: 'Đỗ Văn Hải',
    title: 'Chánh Văn phòng UBND tỉnh',
    role: 'office_lead',
    agency: 'VPUBND',
  },
  {
    username: 'phochanhvp',
    fullName: 'Ngô Thị Thanh Hương',
    title: 'Phó Chánh Văn phòng UBND tỉnh',
    role: 'office_lead',
    agency: 'VPUBND',
  },
];

/** Agencies with demo accounts: a head (agency_lead) and a focal officer (agency_staff) each. */
export const AGENCY_USER_SEEDS: readonly UserSeed[] = [
  {
    username: 'stc.lanhdao',
    fullName: 'Vũ Đình Phong',
    title: 'Giám đốc Sở Tài chính',
    role: 'agency_lead',
    agency: 'STC',
  },
  {
    username: 'stc.vanthu',
    fullName: 'Mai Thị Thảo',
    title: 'Văn thư Sở Tài chính',
    role: 'agency_staff',
    agency: 'STC',
  },
  {
    username: 'sxd.lanhdao',
    fullName: 'Huỳnh Tấn Lộc',
    title: 'Giám đốc Sở Xây dựng',
    role: 'agency_lead',
    agency: 'SXD',
  },
  {
    username: 'sxd.vanthu',
    fullName: 'Phan Thị Ngọc Bích',
    title: 'Văn thư Sở Xây dựng',
    role: 'agency_staff',
    agency: 'SXD',
  },
  {
    username: 'snnmt.lanhdao',
    fullName: 'Lý Văn Cường',
    title: 'Giám đốc Sở Nông nghiệp và Môi trường',
    role: 'agency_lead',
    agency: 'SNNMT',
  },
  {
    username: 'snnmt.vanthu',
    fullName: 'Trịnh Thị Yến',
    title: 'Chuyên viên Văn phòng Sở Nông nghiệp và Môi trường',
    role: 'agency_staff',
    agency: 'SNNMT',
  },
  {
    username: 'syt.lanhdao',
    fullName: 'Dương Minh Trí',
    title: 'Giám đốc Sở Y tế',
    role: 'agency_lead',
    agency: 'SYT',
  },
  {
    username: 'syt.vanthu',
    fullName: 'Lương Thị Kim Oanh',
    title: 'Văn thư Sở Y tế',
    role: 'agency_staff',
    agency: 'SYT',
  },
  {
    username: 'sgddt.lanhdao',
    fullName: 'Tạ Văn Bình',
    title: 'Giám đốc Sở Giáo dục và Đào tạo',
    role: 'agency_lead',
    agency: 'SGDDT',
  },
  {
    username: 'sgddt.vanthu',
    fullName: 'Hồ Thị Phương',
    title: 'Văn thư Sở Giáo dục và Đào tạo',
    role: 'agency_staff',
    agency: 'SGDDT',
  },
  {
    username: 'snv.lanhdao',
    fullName: 'Cao Xuân Trường',
    title: 'Giám đốc Sở Nội vụ',
    role: 'agency_lead',
    agency: 'SNV',
  },
  {
    username: 'snv.vanthu',
    fullName: 'Kiều Thị Loan',
    title: 'Văn thư Sở Nội vụ',
    role: 'agency_staff',
    agency: 'SNV',
  },
  {
    username: 'xa-an-binh.lanhdao',
    fullName: 'Châu Văn Tài',
    title: 'Chủ tịch UBND xã An Bình',
    role: 'agency_lead',
    agency: 'X-AN-BINH',
  },
  {
    username: 'xa-an-binh.vanthu',
    fullName: 'Đinh Thị Hoa',
    title: 'Văn thư UBND xã An Bình',
    role: 'agency_staff',
    agency: 'X-AN-BINH',
  },
  {
    username: 'phuong-dong-hai.lanhdao',
    fullName: 'La Minh Khang',
    title: 'Chủ tịch UBND phường Đông Hải',
    role: 'agency_lead',
    agency: 'P-DONG-HAI',
  },
  {
    username: 'phuong-dong-hai.vanthu',
    fullName: 'Quách Thị Bảo Ngọc',
    title: 'Văn thư UBND phường Đông Hải',
    role: 'agency_staff',
    agency: 'P-DONG-HAI',
  },
];

/**
 * Author of the generated history when no demo accounts are created (`withUsers: false`): an inactive
 * account, so reports and events still name a user without opening a login.
 */
export const DATA_ENTRY_SEED: UserSeed = {
  username: 'dulieu.mau',
  fullName: 'Dữ liệu mẫu',
  title: 'Tài khoản ghi dữ liệu mẫu (không đăng nhập)',
  role: 'office_specialist',
  agency: 'VPUBND',
};

// ---- documents ----

/** Abstract (trích yếu) templates by document type. */
export const ABSTRACTS = {
  conclusion_notice: [
    'Kết luận của {leader} tại cuộc họp nghe báo cáo tình hình {topic}',
    'Kết luận của {leader} tại buổi làm việc với {agency} về {topic}',
    'Kết luận của {leader} tại cuộc họp giao ban tháng {month}',
    'Kết luận của {leader} tại buổi kiểm tra thực địa về {topic}',
  ],
  official_letter: [
    'V/v triển khai {topic}',
    'V/v đẩy nhanh tiến độ {topic}',
    'V/v tăng cường công tác {topic}',
    'V/v giải quyết kiến nghị của {agency} về {topic}',
    'V/v báo cáo tình hình {topic}',
  ],
  directive: [
    'Về việc tăng cường {topic}',
    'Về việc đẩy mạnh {topic}',
    'Về một số nhiệm vụ, giải pháp trọng tâm thực hiện {topic}',
  ],
  plan: [
    'Triển khai {topic} năm {year}',
    'Thực hiện {topic} giai đoạn {year}–{nextYear}',
    'Kiểm tra {topic} năm {year}',
  ],
  decision: [
    'Về việc phê duyệt Đề án {topic}',
    'Về việc giao nhiệm vụ thực hiện {topic}',
    'Về việc thành lập Tổ công tác {topic}',
    'Ban hành Quy chế phối hợp trong {topic}',
  ],
  programme: ['Chương trình công tác năm {year} của UBND tỉnh', 'Chương trình hành động thực hiện {topic} năm {year}'],
  meeting_direction: ['Ý kiến chỉ đạo của {leader} tại cuộc họp giao ban ngày {date}'],
} as const;

// ---- tasks ----

/** Tasks with a fixed deadline. {deadline} reads "trước ngày 15/7/2025" or "trong tháng 7/2025". */
export const FIXED_TEMPLATES: readonly string[] = [
  'Chủ trì, phối hợp với {coord} rà soát, tham mưu UBND tỉnh ban hành kế hoạch {topic}; hoàn thành {deadline}.',
  'Tổ chức kiểm tra, đánh giá tình hình {topic}; tổng hợp khó khăn, vướng mắc, đề xuất giải pháp tháo gỡ, báo cáo UBND tỉnh {deadline}.',
  'Chủ trì, phối hợp với {coord} xây dựng dự thảo Quyết định của UBND tỉnh về {topic}, trình UBND tỉnh {deadline}.',
  'Rà soát, đánh giá kết quả {topic}; đề xuất nhiệm vụ, giải pháp trọng tâm thời gian tới, báo cáo UBND tỉnh {deadline}.',
  'Tiếp thu ý kiến các thành viên UBND tỉnh, hoàn chỉnh dự thảo Đề án {topic}, trình UBND tỉnh {deadline}.',
  'Tập trung chỉ đạo, đẩy nhanh tiến độ {topic}; báo cáo kết quả thực hiện về UBND tỉnh (qua Văn phòng UBND tỉnh) {deadline}.',
  'Khẩn trương tham mưu UBND tỉnh văn bản chỉ đạo {topic}, trình {deadline}.',
  'Chủ trì, phối hợp với {coord} tổ chức sơ kết, đánh giá {topic}; báo cáo UBND tỉnh {deadline}.',
];

export const PROJECT_TEMPLATES: readonly string[] = [
  'Khẩn trương hoàn thiện hồ sơ dự án {project}, trình cấp có thẩm quyền thẩm định, phê duyệt; báo cáo UBND tỉnh {deadline}.',
  'Phối hợp với {coord} tháo gỡ vướng mắc trong công tác bồi thường, giải phóng mặt bằng dự án {project}; bàn giao mặt bằng cho nhà thầu {deadline}.',
  'Đôn đốc nhà thầu tăng cường nhân lực, máy móc, thiết bị, đẩy nhanh tiến độ thi công dự án {project}; báo cáo kết quả {deadline}.',
  'Rà soát, tham mưu UBND tỉnh điều chỉnh chủ trương đầu tư dự án {project}; trình UBND tỉnh {deadline}.',
  'Chủ trì, phối hợp với {coord} xử lý dứt điểm kiến nghị của người dân liên quan đến dự án {project}; báo cáo UBND tỉnh {deadline}.',
];

/** Tasks without a deadline. */
export const NO_DEADLINE_TEMPLATES: readonly string[] = [
  'Nghiên cứu, tham mưu UBND tỉnh chỉ đạo {topic} theo đúng quy định.',
  'Chủ trì, phối hợp với {coord} nghiên cứu, đề xuất cơ chế, chính sách đặc thù về {topic}.',
  'Hướng dẫn, kiểm tra việc thực hiện {topic}; kịp thời báo cáo UBND tỉnh những vấn đề vượt thẩm quyền.',
  'Tiếp thu ý kiến tại cuộc họp, chỉ đạo thực hiện {topic} bảo đảm chất lượng, hiệu quả.',
];

/** Routine tasks (thường xuyên). */
export const ROUTINE_TEMPLATES: readonly string[] = [
  'Thường xuyên theo dõi, kiểm tra, đôn đốc {topic}; kịp thời tham mưu UBND tỉnh chỉ đạo xử lý các vấn đề phát sinh.',
  'Tăng cường công tác quản lý nhà nước về {topic}; báo cáo UBND tỉnh khi có yêu cầu.',
  'Chủ động phối hợp với {coord} thực hiện tốt {topic} theo chức năng, nhiệm vụ được giao.',
];

export const RECURRING_TEMPLATES = {
  monthly: 'Định kỳ hằng tháng (trước ngày {day}) báo cáo UBND tỉnh tình hình {topic}.',
  quarterly: 'Định kỳ hằng quý (trước ngày {day} tháng cuối quý) báo cáo UBND tỉnh kết quả {topic}.',
} as const;

/** Period obligation of a recurring task; {period} reads "tháng 3/2025" or "quý I/2025". */
export const PERIOD_TEMPLATE = 'Báo cáo tình hình {topic} {period}.';

/** Parent of per-agency subtasks; {group} reads "UBND các xã, phường" or "các sở, ngành". */
export const GROUP_PARENT_TEMPLATE =
  'Chủ trì, hướng dẫn, đôn đốc {group} triển khai {topic}; tổng hợp kết quả, báo cáo UBND tỉnh {deadline}.';
export const GROUP_CHILD_TEMPLATES = {
  local:
    'Triển khai thực hiện {topic} trên địa bàn; gửi báo cáo kết quả về {parent} {deadline} để tổng hợp, báo cáo UBND tỉnh.',
  departments:
    'Theo chức năng, nhiệm vụ, triển khai thực hiện {topic}; gửi báo cáo kết quả về {parent} {deadline} để tổng hợp.',
} as const;

export const GROUP_LABELS = {
  communes: 'UBND các xã, phường',
  districts: 'UBND các huyện, thị xã, thành phố',
  departments: 'các sở, ban, ngành',
} as const;

// ---- reports and decisions ----

export const PROGRESS_TEXTS: readonly string[] = [
  'Đã ban hành văn bản chỉ đạo, giao các phòng chuyên môn triển khai thực hiện; đến nay đã hoàn thành khoảng {pct}% khối lượng công việc.',
  'Đã tổ chức họp với các cơ quan liên quan để thống nhất phương án thực hiện; đang hoàn thiện dự thảo, dự kiến trình UBND tỉnh trong thời gian tới.',
  'Đang tổng hợp ý kiến góp ý của các sở, ngành và địa phương; đã hoàn thành khoảng {pct}% nội dung.',
  'Đã thành lập tổ công tác, kiểm tra thực tế tại {n} địa điểm; đang tổng hợp kết quả để báo cáo.',
  'Đã gửi văn bản lấy ý kiến các cơ quan liên quan; đến nay đã nhận được ý kiến của {n} cơ quan, đơn vị.',
  'Đang phối hợp với đơn vị tư vấn hoàn thiện hồ sơ; khối lượng thực hiện đạt khoảng {pct}%.',
];

export const COMPLETION_TEXTS: readonly string[] = [
  'Đã hoàn thành nhiệm vụ: đã tham mưu UBND tỉnh ban hành văn bản chỉ đạo theo yêu cầu.',
  'Đã hoàn thành; kết quả thực hiện đã báo cáo UBND tỉnh tại Văn bản số {docno} ngày {date}.',
  'Đã hoàn thành việc rà soát, tổng hợp và báo cáo UBND tỉnh đầy đủ nội dung theo yêu cầu.',
  'Đã trình UBND tỉnh hồ sơ theo quy định; đề nghị Văn phòng UBND tỉnh xác nhận hoàn thành nhiệm vụ.',
  'Đã tổ chức thực hiện xong các nội dung được giao; kết quả cụ thể tại báo cáo kèm theo.',
];

export const EXPLANATION_TEXTS: readonly string[] = [
  'Nhiệm vụ chưa hoàn thành đúng thời hạn do nội dung phức tạp, liên quan đến nhiều cơ quan, đơn vị; cơ quan đang khẩn trương hoàn thiện, dự kiến hoàn thành trong tháng {month}.',
  'Chậm tiến độ do chưa nhận đủ ý kiến góp ý của các cơ quan phối hợp; cơ quan đã có văn bản đôn đốc.',
  'Chậm tiến độ do vướng mắc về thủ tục và nguồn kinh phí thực hiện; cơ quan đã báo cáo, đề xuất hướng xử lý.',
  'Do phải chờ hướng dẫn của bộ, ngành Trung ương nên chưa thể hoàn thành đúng hạn; sẽ hoàn thành ngay sau khi có hướng dẫn.',
];

export const DIFFICULTIES: readonly string[] = [
  'Một số cơ quan phối hợp chưa gửi ý kiến đúng thời hạn.',
  'Nguồn kinh phí thực hiện chưa được bố trí đầy đủ.',
  'Hồ sơ, tài liệu liên quan qua nhiều thời kỳ, chưa đầy đủ, thiếu đồng bộ.',
  'Nhân lực làm công tác chuyên môn còn thiếu, kiêm nhiệm nhiều việc.',
  'Quy định pháp luật liên quan đang trong quá trình sửa đổi, chưa có hướng dẫn thống nhất.',
  'Một số hộ dân chưa đồng thuận với phương án bồi thường, hỗ trợ.',
];

export const PROPOSALS: readonly string[] = [
  'Đề nghị UBND tỉnh chỉ đạo các cơ quan phối hợp gửi ý kiến đúng thời hạn.',
  'Đề nghị UBND tỉnh xem xét bố trí kinh phí để thực hiện.',
  'Kiến nghị UBND tỉnh báo cáo bộ, ngành Trung ương hướng dẫn tháo gỡ.',
  'Đề nghị UBND tỉnh cho phép điều chỉnh thời hạn hoàn thành.',
  'Đề nghị Văn phòng UBND tỉnh tổ chức cuộc họp liên ngành để thống nhất phương án.',
];

export const RETURN_REASONS: readonly string[] = [
  'Báo cáo chưa thể hiện đầy đủ kết quả thực hiện theo yêu cầu; đề nghị bổ sung số liệu cụ thể.',
  'Chưa có văn bản, hồ sơ chứng minh kết quả hoàn thành; đề nghị đính kèm văn bản đã ban hành.',
  'Nội dung báo cáo mới dừng ở mức triển khai, chưa hoàn thành nhiệm vụ được giao.',
  'Dự thảo trình chưa tiếp thu đầy đủ ý kiến của các cơ quan liên quan; đề nghị hoàn thiện, báo cáo lại.',
];

export const EXTENSION_REASONS: readonly string[] = [
  'Nội dung phức tạp, liên quan nhiều cơ quan, cần thêm thời gian lấy ý kiến và hoàn thiện hồ sơ.',
  'Phải chờ ý kiến thẩm định của bộ, ngành Trung ương.',
  'Thời gian thực hiện trùng với đợt cao điểm phòng, chống thiên tai, không đủ nhân lực triển khai đúng hạn.',
  'Cần tổ chức khảo sát thực địa bổ sung theo yêu cầu của Hội đồng thẩm định.',
  'Chờ bố trí kinh phí thực hiện theo quy định.',
];

export const EXTENSION_APPROVE_NOTES: readonly string[] = [
  'Đồng ý điều chỉnh thời hạn; yêu cầu hoàn thành đúng thời hạn mới, không đề nghị gia hạn thêm.',
  'Đồng ý gia hạn theo đề nghị.',
  'Đồng ý; giao Văn phòng UBND tỉnh theo dõi, đôn đốc.',
];

export const EXTENSION_REJECT_NOTES: readonly string[] = [
  'Không đồng ý gia hạn; yêu cầu tập trung hoàn thành theo thời hạn đã giao.',
  'Lý do đề nghị chưa thuyết phục; yêu cầu thực hiện đúng thời hạn.',
];

export const CANCEL_REASONS: readonly string[] = [
  'Nhiệm vụ không còn phù hợp do thay đổi quy định của Trung ương.',
  'Nội dung đã được giao tại văn bản khác; hủy để tránh trùng lặp.',
  'Theo ý kiến chỉ đạo của lãnh đạo UBND tỉnh, dừng triển khai nhiệm vụ.',
];

export const WITHDRAW_REASONS: readonly string[] = [
  'Thu hồi để giao lại cho cơ quan chủ trì phù hợp với chức năng, nhiệm vụ sau sắp xếp tổ chức bộ máy.',
  'Thu hồi do giao nhầm cơ quan chủ trì.',
];

export const DIRECTIONS: readonly string[] = [
  'Đề nghị {agency} khẩn trương thực hiện, báo cáo kết quả trước thời hạn; không để chậm trễ.',
  'Yêu cầu {agency} tập trung nhân lực, hoàn thành dứt điểm nhiệm vụ; người đứng đầu chịu trách nhiệm trước UBND tỉnh nếu để chậm trễ.',
  'Giao Văn phòng UBND tỉnh theo dõi sát, báo cáo kết quả hằng tuần.',
  'Đề nghị {agency} phối hợp chặt chẽ với các cơ quan liên quan, tháo gỡ ngay các vướng mắc.',
  'Nhiệm vụ quan trọng, cần ưu tiên thực hiện; báo cáo trực tiếp khi có khó khăn vượt thẩm quyền.',
];

export const COMMENTS: readonly string[] = [
  'Đã đôn đốc qua điện thoại; đơn vị cam kết hoàn thành đúng hạn.',
  'Đã nhắc đơn vị cập nhật tiến độ trên hệ thống.',
  'Đơn vị đề nghị lùi thời gian họp thống nhất phương án sang tuần sau.',
  'Đã chuyển ý kiến góp ý của các sở, ngành cho đơn vị chủ trì.',
  'Đã có văn bản đôn đốc lần 2.',
];

/**
 * The records the app keeps, for all four families of Đề án 06 work.
 * Dates are ISO strings: a calendar day is 'YYYY-MM-DD' (IsoDate), a moment is a
 * full ISO timestamp (IsoDateTime). A birth date may be partial (PartialDateString).
 * Every id is a random UUID so that records from two PCs of one unit can be merged.
 */

/** 'YYYY-MM-DD' */
export type IsoDate = string;
/** 'YYYY-MM-DDTHH:mm:ss.sssZ' */
export type IsoDateTime = string;
/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' — lists often only give the year of birth. */
export type PartialDateString = string;

export type Sex = 'male' | 'female';

export type FamilyKey = 'members' | 'labour' | 'vehicles' | 'dc01';

/** Who and when, on every record. */
export type Stamp = {
  readonly createdAt: IsoDateTime;
  readonly createdBy: string;
  updatedAt: IsoDateTime;
  updatedBy: string;
  /** Soft delete: a deleted record stays, marked, so the deletion can be undone. */
  deletedAt?: IsoDateTime;
  deletedBy?: string;
};

/** The identity fields shared by members, labour records, vehicle owners and DC01 cases. */
export type PersonFields = {
  fullName: string;
  birthDate: PartialDateString | '';
  sex: Sex | '';
  /** Số định danh cá nhân / CCCD, 12 digits, or '' */
  personalId: string;
  /** CMND, 9 digits, or '' */
  oldId: string;
  phone: string;
  /** id of a Hamlet, or '' */
  hamletId: string;
  address: string;
  note: string;
};

/** Keys computed on write so search never normalises at read time. */
export type SearchKeys = {
  /** fullName lower-cased, tone marks stripped, đ→d, single spaces */
  searchName: string;
  /** the words of searchName, indexed (multiEntry) */
  nameWords: string[];
  /** true when the personal ID's structure is wrong and the officer saved it anyway */
  idFlagged: boolean;
};

// ---------------------------------------------------------------- progress
/** Progress of a collected record (families members, labour, vehicles). */
export type ProgressStatus = 'received' | 'entered' | 'approved' | 'failed';

export type FailReason =
  | 'no_population_data'
  | 'wrong_info'
  | 'entered_elsewhere'
  | 'moved_away'
  | 'deceased'
  | 'form_wrong'
  | 'other';

/** One dated, attributed step of a record's progress. Appended, never rewritten. */
export type ProgressEvent = {
  readonly status: ProgressStatus;
  /** the day the step happened (may be earlier than when it was typed in) */
  readonly date: IsoDate;
  /** when it was recorded */
  readonly at: IsoDateTime;
  readonly by: string;
  readonly failReason?: FailReason;
  readonly failNote?: string;
  /** set on the first event of a record that came from an imported file */
  readonly source?: ImportSource;
};

/** Where an imported record came from: the file, its sheet and the Excel row(s). */
export type ImportSource = {
  readonly file: string;
  readonly sheet: string;
  readonly rows: readonly number[];
};

export type ProgressFields = {
  status: ProgressStatus;
  /** date of the latest status event */
  statusDate: IsoDate;
  failReason?: FailReason;
  failNote?: string;
  statusLog: ProgressEvent[];
};

// ---------------------------------------------------------------- family 1
export type MemberKind = 'individual' | 'collective';

export type MemberRecord = Stamp &
  PersonFields &
  SearchKeys &
  ProgressFields & {
    readonly id: string;
    listKey: string;
    /** Red Cross counts individuals and collectives ("15 cá nhân/02 tập thể") */
    memberKind: MemberKind;
  };

export type MemberList = {
  /** stable key, e.g. 'elderly'; new lists get a slug of their label */
  readonly key: string;
  label: string;
  order: number;
  hidden: boolean;
  /** whether the individual/collective choice applies (Red Cross) */
  hasMemberKind: boolean;
};

// ---------------------------------------------------------------- family 2
export type EconomicStatus = 'employed' | 'unemployed' | 'inactive';

export type LabourRecord = Stamp &
  PersonFields &
  SearchKeys &
  ProgressFields & {
    readonly id: string;
    socialInsuranceNo: string;
    permanentAddress: string;
    currentAddress: string;
    ethnicity: string;
    generalEducation: string;
    technicalQualification: string;
    fieldOfTraining: string;
    economicStatus: EconomicStatus | '';
    /** employed only */
    employmentPosition?: string;
    job?: string;
    hasLabourContract?: boolean;
    hasSocialInsurance?: boolean;
    workplaceName?: string;
    workplaceType?: string;
    workplaceAddress?: string;
    /** unemployed only */
    unemploymentDuration?: string;
    /** inactive only */
    inactiveReason?: string;
    relationToHead: string;
  };

// ---------------------------------------------------------------- family 3
export type VehicleKind = 'motorbike' | 'car' | 'e_motorbike' | 'e_bicycle' | 'tractor' | 'other';

export type Vehicle = {
  readonly id: string;
  kind: VehicleKind;
  /** as typed, tidied: '59-X1 234.56' */
  plate: string;
  brand: string;
  model: string;
  colour: string;
  frameNo: string;
  engineNo: string;
};

export type VehicleDeclaration = Stamp &
  PersonFields &
  SearchKeys &
  ProgressFields & {
    readonly id: string;
    vehicles: Vehicle[];
    /** plates with spaces, dots and hyphens removed, upper-case — indexed (multiEntry) */
    plateKeys: string[];
    frameKeys: string[];
    engineKeys: string[];
  };

// ---------------------------------------------------------------- family 4
export type Dc01State = 'pending' | 'in_progress' | 'done';

export type Dc01Outcome = { readonly key: string; label: string };

export type Dc01Category = {
  readonly key: string;
  label: string;
  outcomes: Dc01Outcome[];
  order: number;
  hidden: boolean;
};

export type Dc01Event = {
  readonly state: Dc01State;
  readonly outcomeKey?: string;
  readonly hasCccd?: boolean;
  readonly note?: string;
  readonly date: IsoDate;
  readonly at: IsoDateTime;
  readonly by: string;
  /** set on the first event of a case that came from an imported file */
  readonly source?: ImportSource;
};

export type Dc01Case = Stamp &
  PersonFields &
  SearchKeys & {
    readonly id: string;
    categoryKey: string;
    householdNo: string;
    receivedDate: IsoDate;
    source: string;
    assigneeId: string;
    state: Dc01State;
    stateDate: IsoDate;
    outcomeKey?: string;
    /** invalid_id: whether the person already has a CCCD card */
    hasCccd?: boolean;
    stateLog: Dc01Event[];
  };

// ---------------------------------------------------------------- settings
export type SuperiorLevel = 'district' | 'province';

export type UnitSettings = {
  unitName: string;
  superiorName: string;
  superiorLevel: SuperiorLevel;
  placeName: string;
  /** e.g. 'BC-CAX' → "Số: 05/BC-CAX" */
  reportNumberSuffix: string;
  /** 1–28: the period runs from the day after the previous cut-off to this day */
  cutoffDay: number;
};

export type Hamlet = {
  readonly id: string;
  name: string;
  order: number;
  hidden: boolean;
};

export type PinHash = {
  readonly algorithm: 'PBKDF2-SHA256';
  readonly iterations: number;
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
};

export type Officer = {
  readonly id: string;
  fullName: string;
  /** rank and position, e.g. "Thượng úy - Phó Trưởng Công an xã" */
  title: string;
  pin: PinHash;
  active: boolean;
  readonly createdAt: IsoDateTime;
};

/** The denominator the association or upper level gives, per list and period. */
export type TargetScope = string; // 'members:<listKey>' | 'labour' | 'vehicles:declarations' | 'vehicles:vehicles' | 'dc01:<categoryKey>'

export type Target = {
  /** `${scope}|${periodTo}` */
  readonly id: string;
  readonly scope: TargetScope;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  value: number;
  updatedAt: IsoDateTime;
  updatedBy: string;
};

// ---------------------------------------------------------------- audit
export type AuditAction =
  | 'create'
  | 'update'
  | 'status'
  | 'delete'
  | 'undelete'
  | 'import'
  | 'export'
  | 'backup'
  | 'restore'
  | 'settings'
  | 'login';

export type AuditEntry = {
  readonly id: string;
  readonly at: IsoDateTime;
  readonly officerId: string;
  readonly action: AuditAction;
  /** table name, e.g. 'members' */
  readonly entity: string;
  readonly recordId: string;
  /** field → [before, after] for updates; free details otherwise */
  readonly changes?: Readonly<Record<string, readonly [unknown, unknown]>>;
  readonly summary?: string;
};

// ---------------------------------------------------------------- reports
/** A superior unit's own .xlsx form, kept to be filled each month. */
export type ReportTemplate = {
  readonly id: string;
  /** the officer's name for it, e.g. "Mẫu PC06 tháng" */
  name: string;
  readonly fileName: string;
  /** the .xlsx file as loaded */
  readonly data: Uint8Array<ArrayBuffer>;
  readonly addedAt: IsoDateTime;
  readonly addedBy: string;
};

/** What the officer wrote into a period's printed report (BÁO CÁO); figures are never stored here. */
export type ReportDraft = {
  /** the period's end day: one draft per period */
  readonly periodTo: IsoDate;
  periodFrom: IsoDate;
  /** the number before the suffix: "05" in "Số: 05/BC-CAX" */
  number: string;
  /** the day the report is signed */
  reportDate: IsoDate;
  /** "Khó khăn, vướng mắc" */
  difficulties: string;
  /** "Phương hướng, nhiệm vụ thời gian tới" */
  directions: string;
  /** "Nơi nhận", one per line, without the leading "-" */
  recipients: string[];
  /** e.g. "TRƯỞNG CÔNG AN XÃ" */
  signerTitle: string;
  signerName: string;
  updatedAt: IsoDateTime;
  updatedBy: string;
};

/** A file handed over to the superior unit. */
export type HandoverFile = { readonly name: string; readonly sha256: string; readonly bytes: number };

/** Chốt số liệu: what was sent for a period, so later changes can be listed as a correction. */
export type Handover = {
  readonly id: string;
  readonly periodFrom: IsoDate;
  readonly periodTo: IsoDate;
  readonly at: IsoDateTime;
  readonly by: string;
  readonly files: readonly HandoverFile[];
  /** every report key with the value that was sent */
  readonly values: Readonly<Record<string, number | string | null>>;
};

// ---------------------------------------------------------------- imports
/** One committed Excel import, for the import page's history and the audit. */
export type ImportLog = {
  readonly id: string;
  readonly at: IsoDateTime;
  readonly by: string;
  readonly file: string;
  readonly sheets: readonly string[];
  readonly family: FamilyKey;
  /** the list or category imported into, when the family has them */
  readonly scopeLabel: string;
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
  readonly rejected: number;
  readonly rows: number;
};

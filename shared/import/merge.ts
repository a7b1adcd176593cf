/**
 * An update from a file: what a row of the file changes in the record it matched.
 * A filled cell replaces the stored value; an empty cell (or a column the file does not
 * have) keeps it — a list with fewer columns never wipes what the officer typed.
 * Vehicles already in the declaration stay; the file's other vehicles are added.
 * A new economic status replaces the old status's questions wholesale, as the form does.
 */
import { LABOUR_FIELDS_BY_STATUS, type LabourFields } from '../domain/labour';
import { declarationKeys } from '../domain/vehicles';
import type { PersonFields, Vehicle } from '../domain/types';
import type { CandidateValue } from './rows';
import { searchKey } from '../text/normalize';

const PERSON_KEYS = ['fullName', 'birthDate', 'sex', 'personalId', 'oldId', 'phone', 'hamletId', 'address', 'note'] as const satisfies readonly (keyof PersonFields)[];

type Filled<T> = { [K in keyof T]?: T[K] };

/** The fields of `file` that hold something (not '' and not undefined). */
function filled<T extends object>(file: T, keys: readonly (keyof T)[]): Filled<T> {
  const out: Filled<T> = {};
  for (const key of keys) {
    const value = file[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

export function mergePerson<T extends PersonFields>(current: T, file: PersonFields): T {
  return { ...current, ...filled(file, PERSON_KEYS) };
}

const STATUS_FIELDS = [...new Set(Object.values(LABOUR_FIELDS_BY_STATUS).flat())] as readonly (keyof LabourFields & string)[];
const LABOUR_KEYS = [
  'socialInsuranceNo', 'permanentAddress', 'currentAddress', 'ethnicity', 'generalEducation',
  'technicalQualification', 'fieldOfTraining', 'economicStatus', 'relationToHead',
] as const satisfies readonly (keyof LabourFields)[];

export function mergeLabour<T extends LabourFields>(current: T, file: LabourFields): T {
  const merged: T = { ...mergePerson(current, file), ...filled(file, LABOUR_KEYS) };
  if (file.economicStatus === '') return merged;
  const statusChanged = file.economicStatus !== current.economicStatus;
  const base: Record<string, unknown> = { ...merged };
  if (statusChanged) for (const key of STATUS_FIELDS) delete base[key];
  return { ...(base as T), ...filled(file, STATUS_FIELDS) };
}

/** The file's vehicles that the declaration does not hold yet (by plate, frame or engine number). */
export function newVehicles(current: readonly Vehicle[], file: readonly Omit<Vehicle, 'id'>[]): Omit<Vehicle, 'id'>[] {
  const has = new Set(current.flatMap(vehicleKeys));
  return file.filter((vehicle) => !vehicleKeys(vehicle).some((k) => has.has(k)));
}

/**
 * What tells a vehicle apart: its plate, frame and engine numbers; one with none of them
 * (an electric bicycle) by its kind, make, model and colour.
 */
function vehicleKeys(vehicle: Omit<Vehicle, 'id'>): string[] {
  const keys = declarationKeys([vehicle]);
  const numbers = [...keys.plateKeys.map((k) => `p:${k}`), ...keys.frameKeys.map((k) => `f:${k}`), ...keys.engineKeys.map((k) => `e:${k}`)];
  return numbers.length > 0 ? numbers : [`x:${vehicle.kind}|${searchKey(vehicle.brand)}|${searchKey(vehicle.model)}|${searchKey(vehicle.colour)}`];
}

/** The person part of a candidate (a labour row carries its person inside the labour fields). */
export function candidatePerson(value: CandidateValue): PersonFields {
  return value.family === 'labour' ? value.labour : value.person;
}

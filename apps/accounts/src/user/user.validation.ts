import { isValidEmail, normalizeEmail } from '@crm/text';
import { type Role, FieldErrors, LIMITS, requiredText } from '@crm/subgraph';
import {
  resolveTenantSettings,
  type RequestedTenantSettings,
  type TenantSettings,
} from '../tenant/tenant-settings';

export const PASSWORD_LENGTH = { min: 10, max: 200 } as const;

export interface SignUpRequest extends RequestedTenantSettings {
  tenantName: string;
  name: string;
  email: string;
  password: string;
}

export interface ValidSignUp {
  tenantName: string;
  name: string;
  email: string;
  password: string;
  settings: TenantSettings;
}

export interface InviteRequest {
  email: string;
  name: string;
  role: Role;
}

function email(errors: FieldErrors, value: string): string {
  const normalized = normalizeEmail(value);
  if (!isValidEmail(normalized)) errors.add('email', `"${value}" is not a valid email address`);
  return normalized;
}

function password(errors: FieldErrors, value: string): string {
  // Length in code points, not UTF-16 units; never trimmed: spaces may be part of a passphrase.
  const length = [...value].length;
  if (length < PASSWORD_LENGTH.min)
    errors.add('password', `must be at least ${PASSWORD_LENGTH.min} characters`);
  if (length > PASSWORD_LENGTH.max)
    errors.add('password', `must be at most ${PASSWORD_LENGTH.max} characters`);
  return value;
}

/** signUp's arguments are top-level, so fields are named without a prefix. */
export function validateSignUp(request: SignUpRequest, defaults: TenantSettings): ValidSignUp {
  const errors = new FieldErrors();
  const valid = {
    tenantName: requiredText(errors, 'tenantName', request.tenantName, LIMITS.name),
    name: requiredText(errors, 'name', request.name, LIMITS.name),
    email: email(errors, request.email),
    password: password(errors, request.password),
    settings: resolveTenantSettings(errors, request, defaults),
  };
  errors.throwIfAny();
  return valid;
}

export function validateInvite(request: InviteRequest): InviteRequest {
  const errors = new FieldErrors();
  const valid = {
    email: email(errors, request.email),
    name: requiredText(errors, 'name', request.name, LIMITS.name),
    role: request.role,
  };
  errors.throwIfAny();
  return valid;
}

/** acceptInvitation's password: the rules of signUp, on the top-level `password` argument. */
export function validateNewPassword(value: string): string {
  const errors = new FieldErrors();
  const valid = password(errors, value);
  errors.throwIfAny();
  return valid;
}

import { ConflictError, ForbiddenError, InvalidInputError, UnauthenticatedError } from '@crm/subgraph';

/** One message for every failed login, so it never tells whether an email is registered. */
export class LoginFailedError extends UnauthenticatedError {
  constructor() {
    super('email or password is incorrect');
  }
}

export class SignUpDisabledError extends ForbiddenError {
  constructor() {
    super('sign-up is disabled on this platform; ask an administrator for an invitation');
  }
}

export class EmailTakenError extends InvalidInputError {
  constructor() {
    super([{ field: 'email', message: 'is already registered' }]);
  }
}

/**
 * One answer for every invitation token that cannot be used (forged, expired, not an invitation,
 * or for a user who can no longer accept it), like a failed login: the token is a credential.
 */
export class InvalidInvitationError extends UnauthenticatedError {
  constructor() {
    super('the invitation is invalid or has expired; ask an administrator for a new one');
  }
}

export class PasswordAlreadySetError extends ConflictError {
  constructor() {
    super('this user has already set a password: sign in with it instead');
  }
}

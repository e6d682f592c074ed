import { ForbiddenError, InvalidInputError, UnauthenticatedError } from '@crm/subgraph';

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

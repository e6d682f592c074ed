import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { type TenantScopedDatabase, isUniqueViolation } from '@crm/database';
import {
  NotFoundError,
  signAccessToken,
  type Caller,
  hasNulCharacter,
  inRequestedOrder,
  queryableIds,
} from '@crm/subgraph';
import { normalizeEmail } from '@crm/text';
import type { TenantEntity } from '../tenant/tenant.entity';
import { findTenant, insertTenant } from '../tenant/tenant.service';
import type { TenantSettings } from '../tenant/tenant-settings';
import { signInvitationToken, verifyInvitationToken } from './invitation-token';
import { hashPassword, verifyPassword } from './password';
import { UserEntity } from './user.entity';
import {
  EmailTakenError,
  InvalidInvitationError,
  LoginFailedError,
  PasswordAlreadySetError,
  SignUpDisabledError,
} from './user.errors';
import {
  validateInvite,
  validateNewPassword,
  validateSignUp,
  type InviteRequest,
  type SignUpRequest,
} from './user.validation';

/** What signUp and login return: the AuthPayload of the schema. */
export interface AuthSession {
  token: string;
  user: UserEntity;
  tenant: TenantEntity;
}

export interface IdentitySettings {
  isSignUpEnabled: boolean;
  tenantDefaults: TenantSettings;
  accessToken: { secret: string; issuer: string; audience: string; expiresInSeconds: number };
  /** Invitation tokens are signed with the access token's secret and issuer, for their own audience. */
  invitation: { expiresInSeconds: number };
}

/** The built-in identity provider: tenants' sign-up, login, and team membership. */
export class UserService {
  constructor(
    private readonly database: TenantScopedDatabase,
    private readonly settings: IdentitySettings,
  ) {}

  async signUp(request: SignUpRequest): Promise<AuthSession> {
    if (!this.settings.isSignUpEnabled) throw new SignUpDisabledError();
    const signUp = validateSignUp(request, this.settings.tenantDefaults);
    const passwordHash = await hashPassword(signUp.password);
    const tenantId = uuidv7();
    const { tenant, user } = await this.insertingUser(() =>
      this.database.inTenant(tenantId, async (manager) => {
        const tenant = await insertTenant(manager, {
          id: tenantId,
          name: signUp.tenantName,
          ...signUp.settings,
        });
        const user = await insertUser(manager, {
          tenantId,
          email: signUp.email,
          name: signUp.name,
          role: 'ADMIN',
          passwordHash,
        });
        return { tenant, user };
      }),
    );
    return { token: await this.issueAccessToken(user), user, tenant };
  }

  async login(email: string, password: string): Promise<AuthSession> {
    // No tenant is known before the user is found: the one lookup allowed across tenants.
    // An email with a NUL character cannot be stored, so it is no one's (and would be an SQL error).
    const member = hasNulCharacter(email)
      ? null
      : await this.database.inSystemContext('authentication', async (manager) => {
          const user = await manager.findOneBy(UserEntity, { email: normalizeEmail(email) });
          const tenant = user && (await findTenant(manager, user.tenantId));
          return user && tenant ? { user, tenant } : null;
        });
    // Verified even without a user, so an unknown email takes as long as a wrong password.
    const isPasswordCorrect = await verifyPassword(password, member?.user.passwordHash ?? null);
    if (!member || !member.user.active || !isPasswordCorrect) throw new LoginFailedError();
    return { token: await this.issueAccessToken(member.user), ...member };
  }

  /** The invited user has no password yet, so cannot log in until the invitation is accepted. */
  inviteUser(caller: Caller, request: InviteRequest): Promise<UserEntity> {
    const invite = validateInvite(request);
    return this.insertingUser(() =>
      this.database.inTenant(caller.tenantId, (manager) =>
        insertUser(manager, { tenantId: caller.tenantId, ...invite, passwordHash: null }),
      ),
    );
  }

  /**
   * A token that lets an invited member of the caller's tenant set their password once
   * (acceptInvitation). The client delivers it; nothing is stored, so nothing is written.
   */
  async invitationLink(caller: Caller, userId: string): Promise<string> {
    const [user] = await this.database.inTenant(caller.tenantId, (manager) =>
      findUsers(manager, caller.tenantId, [userId]),
    );
    if (!user) throw new NotFoundError('user', userId);
    if (user.passwordHash !== null) throw new PasswordAlreadySetError();
    const { secret, issuer } = this.settings.accessToken;
    return signInvitationToken(
      { tenantId: user.tenantId, userId: user.id },
      { secret, issuer, expiresInSeconds: this.settings.invitation.expiresInSeconds },
    );
  }

  /**
   * Sets the invited user's password and signs them in. Usable once: the token names a user
   * without a password, and the row is locked while that is checked and changed, so of two
   * concurrent acceptances one sets the password and the other is a CONFLICT.
   */
  async acceptInvitation(token: string, password: string): Promise<AuthSession> {
    const invitation = await verifyInvitationToken(token, this.settings.accessToken);
    if (!invitation) throw new InvalidInvitationError();
    const passwordHash = await hashPassword(validateNewPassword(password));
    const { tenantId, userId } = invitation;
    const member = await this.database.inTenant(tenantId, async (manager) => {
      const user = await manager.findOne(UserEntity, {
        where: { tenantId, id: userId },
        lock: { mode: 'pessimistic_write' },
      });
      const tenant = user && (await findTenant(manager, tenantId));
      if (!user || !tenant || !user.active) throw new InvalidInvitationError();
      if (user.passwordHash !== null) throw new PasswordAlreadySetError();
      user.passwordHash = passwordHash;
      await manager.save(user); // bumps version and updatedAt
      return { user, tenant };
    });
    return { token: await this.issueAccessToken(member.user), ...member };
  }

  listUsers(tenantId: string): Promise<UserEntity[]> {
    return this.database.inTenant(tenantId, (manager) =>
      manager.find(UserEntity, { where: { tenantId }, order: { name: 'ASC', id: 'ASC' } }),
    );
  }

  /** By id, in the order asked; unknown ids (or other tenants' users) are null. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<(UserEntity | null)[]> {
    const wanted = queryableIds(ids);
    const users =
      wanted.length === 0
        ? []
        : await this.database.inTenant(tenantId, (manager) => findUsers(manager, tenantId, wanted));
    return inRequestedOrder(ids, users);
  }

  private async insertingUser<T>(insert: () => Promise<T>): Promise<T> {
    try {
      return await insert();
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError();
      throw error;
    }
  }

  private issueAccessToken(user: UserEntity): Promise<string> {
    const { secret, issuer, audience, expiresInSeconds } = this.settings.accessToken;
    return signAccessToken(
      { tenantId: user.tenantId, userId: user.id, roles: [user.role], email: user.email },
      { secret, issuer, audience, expiresInSeconds },
    );
  }
}

export function findUsers(
  manager: EntityManager,
  tenantId: string,
  ids: readonly string[],
): Promise<UserEntity[]> {
  const wanted = queryableIds(ids);
  if (wanted.length === 0) return Promise.resolve([]);
  return manager
    .createQueryBuilder(UserEntity, 'user')
    .where('user.tenantId = :tenantId AND user.id = ANY(:ids)', { tenantId, ids: wanted })
    .getMany();
}

async function insertUser(
  manager: EntityManager,
  fields: Pick<UserEntity, 'tenantId' | 'email' | 'name' | 'role' | 'passwordHash'>,
): Promise<UserEntity> {
  const user = manager.create(UserEntity, { ...fields, id: uuidv7(), active: true });
  await manager.insert(UserEntity, user); // fills in version and timestamps
  return user;
}

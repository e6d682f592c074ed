import { z } from 'zod';

/** A database URL setting: `postgres://` or `postgresql://`, e.g. `postgresUrl.default('postgres://…')`. */
export const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

import bcrypt from 'bcryptjs';

const COST = 11;
/** A fixed hash to compare against when no account exists, so timing does not reveal which emails exist. */
const DUMMY_HASH = '$2b$11$BgCefEGKtKoMK.cWRfwKMuTwwkR2nfD847lLQJTcrakUCPZBXP93e';

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}

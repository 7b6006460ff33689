import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { logError } from '@/lib/log';
import { signInWithPassword, type SignInResult } from './accounts';
import { signInSchema } from './schemas';
import { clientIp } from './client-ip';
import type { StaffRole } from './roles';

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login' },
  secret: process.env.NEXTAUTH_SECRET,
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) throw new Error('Enter your email address and password.');
        let result: SignInResult;
        try {
          result = await signInWithPassword(getDb(), parsed.data.email, parsed.data.password, clientIp(req?.headers));
        } catch (error) {
          // next-auth shows a thrown message to the user: a database error's would carry the query's parameters.
          const requestId = logError('sign-in failed', error);
          throw new Error(`Sign-in is not possible right now. Try again. (Reference ${requestId})`);
        }
        if (!result.ok) throw new Error(result.error);
        const { id, email, name, role, tenantId, sessionVersion } = result.user;
        return { id, email, name, role, tenantId, sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const staff = user as unknown as { id: string; role: StaffRole; tenantId: string; sessionVersion: number };
        token.sub = staff.id;
        token.role = staff.role;
        token.tenantId = staff.tenantId;
        token.sessionVersion = staff.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      // Sessions from before session versions existed count as version 0, the column's default.
      return {
        ...session,
        staffId: token.sub,
        sessionVersion: typeof token.sessionVersion === 'number' ? token.sessionVersion : 0,
      };
    },
  },
};

'use client';
import { signOut } from 'next-auth/react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';

export function SignOutButton() {
  return (
    <Button
      variant="secondary"
      onClick={() => {
        toast.dismiss();
        void signOut({ callbackUrl: '/login' });
      }}
    >
      Sign out
    </Button>
  );
}

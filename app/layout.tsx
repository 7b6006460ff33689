import type { Metadata } from 'next';
import { Toaster } from 'sonner';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Roster', template: '%s · Roster' },
  description: 'Self-hosted HR provisioning hub',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        {children}
        {/* Bottom right: toasts never cover the header (Sign out, Your account). */}
        <Toaster position="bottom-right" richColors closeButton />
      </body>
    </html>
  );
}

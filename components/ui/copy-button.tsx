'use client';
import { toast } from 'sonner';
import { Button } from './button';

export function CopyButton({ value, label = 'Copy', what }: { value: string; label?: string; what: string }) {
  return (
    <Button
      variant="secondary"
      aria-label={`Copy ${what}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          toast.success(`${what} copied`);
        } catch {
          toast.error('Copy failed: select the text and copy it by hand.');
        }
      }}
    >
      {label}
    </Button>
  );
}

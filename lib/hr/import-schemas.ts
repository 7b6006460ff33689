// The CSV import's form inputs: upload → map columns and validate → import.
import { z } from 'zod';
import { type ColumnMapping, IMPORT_FIELDS } from './csv-format';

export const uploadImportSchema = z.object({
  file: z
    .instanceof(File, { message: 'Choose a CSV file.' })
    .refine((file) => file.size > 0, 'Choose a CSV file (this one is empty).'),
});

export const importIdSchema = z.object({ importId: z.uuid('Unknown import.') });

/** The import id and one `map_<field>` select per import field (the CSV column chosen for it, or empty). */
export const validateImportSchema = z.object({
  importId: z.uuid('Unknown import.'),
  ...Object.fromEntries(IMPORT_FIELDS.map((f) => [`map_${f.key}`, z.string().max(500).optional()])),
}) as unknown as z.ZodType<{ importId: string } & Record<string, string | undefined>>;

export function mappingFromForm(input: Record<string, string | undefined>): ColumnMapping {
  return Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, input[`map_${f.key}`] || null])) as ColumnMapping;
}

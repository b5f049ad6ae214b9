// A ward or commune (phường / xã / đặc khu), identified by its official 5-digit code.
import { z } from 'zod/mini';
import { provinceCodeSchema, text, wardCodeSchema } from './common';

export const wardSchema = z.strictObject({
  code: wardCodeSchema,
  name: text(2, 120, 'wardName'),
  provinceCode: provinceCodeSchema,
});
export type Ward = z.infer<typeof wardSchema>;

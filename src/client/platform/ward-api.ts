// Reads the list of wards the server serves (GET /v1/wards), checked with zod at the edge.
import { z } from 'zod/mini';
import { wardCodeSchema } from '../../shared';

export interface WardInfo {
  code: string;
  name: string;
}

const wardsResponseSchema = z.object({
  wards: z.array(z.object({ code: wardCodeSchema, name: z.string(), provinceCode: z.string() })),
});

export type WardsResult = { ok: true; wards: WardInfo[] } | { ok: false };

/** Any failure (offline, server down, unexpected answer) is `{ ok: false }`: the caller offers a retry. */
export async function fetchWards(
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<WardsResult> {
  try {
    const res = await fetchFn('/v1/wards', { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!res.ok) return { ok: false };
    const parsed = wardsResponseSchema.safeParse(await res.json());
    if (!parsed.success) return { ok: false };
    return { ok: true, wards: parsed.data.wards.map(({ code, name }) => ({ code, name })) };
  } catch {
    return { ok: false };
  }
}

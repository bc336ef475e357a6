import type { FastifySerializerCompiler } from 'fastify/types/schema';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Response serialisation: the route's zod schema is turned into JSON Schema once, at start-up,
 * and compiled with fast-json-stringify (what Fastify itself uses). Properties outside the
 * schema never leave the server. Schemas JSON Schema cannot express fall back to zod.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = (route) => {
  try {
    const json = z.toJSONSchema(route.schema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' });
    // biome-ignore lint/suspicious/noExplicitAny: fast-json-stringify takes any JSON Schema
    return fastJson(json as any);
  } catch {
    return zodSerializerCompiler(route);
  }
};

// docs/openapi.yaml as the tests use it: the document itself checked against the OpenAPI 3.1 schema (a maintained
// validator that ships the official schemas), then its request and response schemas compiled with ajv (OpenAPI 3.1
// schemas are JSON Schema 2020-12), so a test checks each request it sends and each answer it gets against the document.
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

const DOC_URL = new URL('../../docs/openapi.yaml', import.meta.url);
const ID = 'https://rampart.invalid/openapi.json';

type Json = Record<string, unknown>;

/** The document, whether it is a valid OpenAPI document, and validators for the alert endpoint. */
export async function alertsApiDocument() {
  const doc = YAML.parse(readFileSync(DOC_URL, 'utf8')) as Json;
  const structure = await new Validator().validate(structuredClone(doc));
  // ajv-formats is CommonJS: its default export is the plugin or a namespace holding it, depending on the loader.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: ID });
  const operation = ((doc.paths as Json)['/api/v1/alerts'] as Json).post as Json;
  const responses = operation.responses as Record<string, Json>;
  const errorsOf = (schemaPath: string, value: unknown): ErrorObject[] => {
    const validate = ajv.getSchema(`${ID}#${schemaPath}`);
    if (!validate) throw new Error(`docs/openapi.yaml has no schema at ${schemaPath}`);
    return validate(value) ? [] : (validate.errors ?? []);
  };
  return {
    doc,
    structure,
    /** Problems of a request body against the document's request schema ([] when it conforms). */
    requestErrors: (body: unknown) => errorsOf('/paths/~1api~1v1~1alerts/post/requestBody/content/application~1json/schema', body),
    /** Problems of an answer against the document: its status must be listed, its JSON body and documented headers must conform. */
    responseErrors: (status: number, headers: Headers, body: unknown): string[] => {
      const response = responses[String(status)];
      if (!response) return [`status ${status} is not documented`];
      const problems: string[] = [];
      const type = headers.get('content-type') ?? '';
      if (!type.startsWith('application/json')) problems.push(`content-type ${type} is not application/json`);
      const base = `/paths/~1api~1v1~1alerts/post/responses/${status}`;
      problems.push(...errorsOf(`${base}/content/application~1json/schema`, body).map((e) => `body${e.instancePath} ${e.message ?? ''}`));
      for (const name of Object.keys((response.headers as Json | undefined) ?? {})) {
        const value = headers.get(name);
        if (value === null) {
          problems.push(`header ${name} is missing`);
          continue;
        }
        const schema = ((response.headers as Json)[name] as Json).schema as Json;
        const typed = schema.type === 'integer' ? Number(value) : value;
        problems.push(...errorsOf(`${base}/headers/${name}/schema`, typed).map((e) => `header ${name} ${e.message ?? ''}`));
      }
      return problems;
    },
  };
}

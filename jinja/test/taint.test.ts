import { describe, expect, it } from 'vitest';
import { Environment } from '../src/index.js';

const environment = new Environment();
const data = { config: { token: 's3cr3t-t0ken', user: 'bob' } };
const secrets = new Set(['s3cr3t-t0ken']);

function marks(template: string): readonly string[] {
  return environment.compile(template).renderMarked(data, { secrets }).marks;
}

describe('taint marks', () => {
  it('reports the secret printed as it is', () => {
    expect(marks('Bearer {{ config.token }}')).toEqual(['s3cr3t-t0ken']);
  });

  it('follows the secret through filters, slices, methods and concatenation', () => {
    expect(marks('{{ config.token | upper }}')).toEqual(['S3CR3T-T0KEN']);
    expect(marks('{{ config.token[2:] }}')).toEqual(['cr3t-t0ken']);
    expect(marks("{{ 'x' ~ config.token | b64encode }}")).toEqual([`x${Buffer.from('s3cr3t-t0ken').toString('base64')}`]);
    expect(marks('{{ config.token.replace("-", "_") }}')).toEqual(['s3cr3t_t0ken']);
    expect(marks('{{ [config.token, "a"] | join("/") }}')).toEqual(['s3cr3t-t0ken/a']);
    expect(marks('{{ "%s!" % config.token }}')).toEqual(['s3cr3t-t0ken!']);
    expect(marks('{{ config.token | reverse }}')).toEqual(['nek0t-t3rc3s']);
  });

  it('follows it through variables and containers', () => {
    expect(marks('{% set t = config.token ~ "?" %}{{ t }}')).toEqual(['s3cr3t-t0ken?']);
    expect(marks('{{ {"auth": config.token} | tojson }}')).toEqual(['{"auth": "s3cr3t-t0ken"}']);
  });

  it('reports nothing for output that does not come from a secret', () => {
    expect(marks('{{ config.user | upper }} {{ 1 + 1 }}')).toEqual([]);
  });

  it('takes a predicate as well as a set', () => {
    const result = environment.compile('{{ config.token | lower }}').renderMarked(data, { secrets: (text) => text.startsWith('s3cr3t') });
    expect(result.marks).toEqual(['s3cr3t-t0ken']);
  });

  it('renders the same text with or without secrets', () => {
    const template = environment.compile('{{ config.token | upper }}-{{ config.user }}');
    expect(template.renderMarked(data, { secrets }).result).toBe(template.render(data));
  });

  it('reports the marked strings of a container a lone expression evaluates to, not its JSON text', () => {
    const result = environment.compile('{{ {"auth": config.token | upper, "user": config.user} }}').evaluateMarked(data, { secrets });
    expect(result.marks).toEqual(['S3CR3T-T0KEN']);
  });
});

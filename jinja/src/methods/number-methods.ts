import { bindArguments } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import type { RenderState } from '../runtime/render-state.js';
import { isFloat, toNumber } from '../values/kinds.js';
import type { MethodFunction } from './method-lookup.js';

type NumberMethod = (state: RenderState, self: unknown, call: CallArguments) => unknown;

const METHODS: Record<string, NumberMethod> = {
  is_integer: (_state, self, call) => {
    bindArguments('is_integer', [], call);
    return isFloat(self) ? Number.isInteger(toNumber(self)) : true;
  },
  bit_length: (_state, self, call) => {
    bindArguments('bit_length', [], call);
    const value = typeof self === 'bigint' ? self : BigInt(Math.trunc(toNumber(self)));
    return (value < 0n ? -value : value).toString(2).replace(/^0$/, '').length;
  },
};

export const NUMBER_METHODS: Readonly<Record<string, MethodFunction>> = METHODS as unknown as Record<string, MethodFunction>;

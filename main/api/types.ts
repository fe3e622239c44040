import type { Method, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { ApiContext } from './context';

export type Handler<M extends Method> = (ctx: ApiContext, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
export type HandlerMap<K extends Method> = { [M in K]: Handler<M> };

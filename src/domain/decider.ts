/**
 * The shape every aggregate follows (after Emmett's "decider"): a pure `decide` that turns a
 * command and the current state into events (or throws a DomainError), a pure `evolve` that
 * folds one event into the state, and the state of a stream that has no events yet.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[]
  evolve(state: State, event: Event): State
  initialState(): State
}

/** An event as the domain sees it: a type and its data. Ids, revisions and metadata belong to the store. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type
  data: Data
}

/**
 * Folds events into a state: from the initial state, or from `from` (a state already folded up to
 * the event before the first of `events`). The one fold every reader of a stream uses.
 */
export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
  from: State = decider.initialState(),
): State {
  return events.reduce(decider.evolve, from)
}

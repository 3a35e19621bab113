/**
 * Types of the field catalog: what the language server knows about one filter field (type, event sources,
 * argument syntax, flags) and about a field token resolved against the catalog.
 */

/**
 * How a field takes its argument:
 * `none` no argument; `index` `[N]`; `key` `[name]`; `indexOrKey` `[N]` or `[name]`; `path` `[/json/pointer]`;
 * `dotKey` one trailing `.name` segment (`evt.rawarg.res`, `thread.cgroup.cpu`);
 * `indexOrDotKey` `[N]` or `.name` (`evt.arg[1]`, `evt.arg.flags`).
 */
export type ArgForm = 'none' | 'index' | 'key' | 'indexOrKey' | 'path' | 'dotKey' | 'indexOrDotKey';

/** What a key argument names, when it is a known domain. */
export type ArgDomain = 'eventParam' | 'eventType' | 'cgroupSubsystem' | 'envVar' | 'jsonPointer';

export interface FieldArgumentSpec {
  readonly form: ArgForm;
  readonly required: boolean;
  readonly domain?: ArgDomain;
  /** Closed set of accepted key values (e.g. `src`/`dst` for `evt.abspath`). */
  readonly values?: readonly string[];
}

export interface FieldInfo {
  readonly name: string;
  /** Lowercase libsinsp type name: string, uint64, ipaddr, ipnet, bool, reltime, abstime, bytebuf, dynamic, … */
  readonly type: string;
  /** Event sources the field can be used with; `*` = every source. */
  readonly sources: readonly string[];
  /** Field class (libsinsp check class or plugin field group), e.g. `process`, `fd`, `k8saudit`. */
  readonly class: string;
  /** `libsinsp` or plugin names providing the field (empty when unknown, e.g. from a user listing). */
  readonly providers: readonly string[];
  readonly arg: FieldArgumentSpec;
  readonly isList: boolean;
  /** Usable in conditions only, not in outputs. */
  readonly filterOnly: boolean;
  /** Usable in outputs only. */
  readonly printOnly: boolean;
  /** Not shown by `falco --list`, still accepted by the engine. */
  readonly hidden: boolean;
  /** Takes no right-hand side value in comparisons. */
  readonly noRhs: boolean;
  /** Cannot be wrapped in a transformer such as `tolower()`. */
  readonly noTransformer: boolean;
  /** Suggested for outputs. */
  readonly formatSuggested: boolean;
  readonly deprecated: boolean;
  /** Field to use instead of a deprecated one. */
  readonly deprecatedBy?: string;
  /** Plugin that now provides the data of a deprecated field. */
  readonly replacedByPlugin?: string;
  /** The field is another name of this field. */
  readonly aliasOf?: string;
  /** libs releases having the field, only when not all of the catalog's `libsVersions`. */
  readonly libsVersions?: readonly string[];
  /** One-line description: the project's own words for built-in fields, the listing's for user-supplied ones. */
  readonly desc?: string;
  readonly origin: 'builtin' | 'extra';
}

export const NO_ARGUMENT: FieldArgumentSpec = Object.freeze({ form: 'none', required: false });

/** Problems found while splitting a field token into field name and argument. */
export type FieldArgumentProblem =
  /** The field needs an argument and none was given. */
  | 'argumentRequired'
  /** An argument was given to a field that takes none. */
  | 'argumentNotAllowed'
  /** Bracket argument for a field that only takes `.name` (e.g. `evt.rawarg[1]`, `thread.cgroup[cpu]`). */
  | 'wrongArgumentSyntax'
  /** The argument must be a number (e.g. `proc.aname[x]`, `evt.arg[flags]`). */
  | 'invalidIndex'
  /** The key is not one the field knows (e.g. `evt.arg.nosuchparam`, `evt.abspath.foo`). */
  | 'unknownArgument'
  /** `[` without a closing `]` at the end of the token. */
  | 'unterminatedArgument';

export interface FieldArgumentUse {
  /** Argument text without brackets (and without surrounding quotes when it was quoted). */
  readonly text: string;
  readonly syntax: 'bracket' | 'dot';
  readonly kind: 'index' | 'key';
  /** Offsets of `text` inside the token (end exclusive). */
  readonly start: number;
  readonly end: number;
}

export interface ResolvedFieldToken {
  readonly field: FieldInfo;
  /** The field name (the token without its argument). */
  readonly name: string;
  readonly argument?: FieldArgumentUse;
  readonly problem?: FieldArgumentProblem;
}

export interface OutputPlaceholder {
  readonly name: string;
  readonly outputOnly: boolean;
  readonly deprecated: boolean;
}

/** A field that libsinsp used to provide: removed, or moved to a plugin. */
export interface FormerLibsinspField {
  readonly name: string;
  readonly type: string;
  readonly lastLibsVersion: string;
  readonly nowProvidedBy?: readonly string[];
}

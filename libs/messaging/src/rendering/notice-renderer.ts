import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NOTICE_CATALOGUE,
  NOTICE_KINDS,
  formatDate,
  formatDateTime,
  formatMoney,
  type Locale,
  type NoticeKind,
  toUnconfirmedAddress,
} from '@kiezfonds/domain';
import Handlebars from 'handlebars';
import { compile as compileHtmlToText } from 'html-to-text';

/** What a notice is rendered from; the outbox row's payload, resolved for one recipient. */
export interface NoticeContext {
  recipient: { name: string };
  /** The district whose fund the notice is about, e.g. `{ name: 'Spandau' }`; absent for account mails. */
  district?: { name: string; contactEmail?: string };
  /** The notice's facts, visible to its templates at the top level (`{{application.title}}`). */
  data: Record<string, unknown>;
  /** Path inside the app (`/antraege/…`) the notice's call-to-action opens. */
  link?: string;
}

export interface RenderedNotice {
  /** One line, trimmed, plain text (not HTML-escaped: it goes into a mail header). */
  subject: string;
  html: string;
  text: string;
  /**
   * The notice as the app's notification list shows it: the body only (no greeting, signature,
   * call-to-action button or mail footer), paragraphs unwrapped, lists as bullets, links as text.
   */
  inApp: string;
}

export interface NoticeRendererOptions {
  /** Defaults to the `templates` folder next to this file's folder, in the sources and in dist/. */
  templatesDir?: string;
  /** The app's public base URL (APP_URL); every link in a mail is absolute and starts with it. */
  appUrl: string;
  /** The zone timestamps are shown in (APP_TIMEZONE). */
  timeZone: string;
}

type HandlebarsInstance = typeof Handlebars;
type Template = Handlebars.TemplateDelegate;
type CompileOptions = NonNullable<Parameters<HandlebarsInstance['compile']>[1]>;

interface CompiledNotice {
  subject: Template;
  body: Template;
}

const LOCALE_SET: Record<Locale, true> = { de: true, en: true };
const LOCALES = Object.keys(LOCALE_SET) as Locale[];

const SETTINGS_PATH = '/einstellungen/benachrichtigungen';

const HELPERS = ['date', 'dateTime', 'money', 'link', 'plural', 'eq', 'lines'] as const;

const COMPILE_OPTIONS = {
  // An unknown helper (a typo such as `{{mony amount}}`) then fails at load, not at send time.
  knownHelpers: Object.fromEntries(HELPERS.map((name) => [name, true])),
  knownHelpersOnly: true,
  preventIndent: true,
} satisfies CompileOptions;

const LINE_FOLD = /[ \t\r\n\f\v\u0085\u2028\u2029]+/g;

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const toText = compileHtmlToText({
  wordwrap: 78,
  selectors: [
    { selector: 'h1', options: { uppercase: false, leadingLineBreaks: 2 } },
    { selector: 'h2', options: { uppercase: false, leadingLineBreaks: 2 } },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    // The address is the text already; "x [mailto:x]" would only add noise.
    { selector: 'a[href^="mailto:"]', format: 'inline' },
    { selector: 'img', format: 'skip' },
  ],
});

const toInAppText = compileHtmlToText({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    { selector: 'blockquote', format: 'block' },
    { selector: 'p.cta', format: 'skip' },
    { selector: 'img', format: 'skip' },
  ],
});

/**
 * Renders the notices of the catalogue from Handlebars templates (`<kind>.<locale>.hbs`, a
 * layout per locale and partials) to a subject, an HTML body and a plain-text body.
 *
 * Everything is read and compiled once, in `load()`, which refuses to return while any kind
 * lacks a template or any template is broken: a worker with a bad template should not start,
 * rather than fail on the first reminder at night.
 */
export class NoticeRenderer {
  private constructor(
    private readonly notices: ReadonlyMap<string, CompiledNotice>,
    private readonly layouts: Readonly<Record<Locale, Template>>,
    private readonly appUrl: string,
  ) {}

  static load(options: NoticeRendererOptions): NoticeRenderer {
    const templatesDir = options.templatesDir ?? join(__dirname, '..', 'templates');
    const appUrl = normaliseAppUrl(options.appUrl);
    assertTimeZone(options.timeZone);
    if (!existsSync(templatesDir)) throw new NoticeTemplateError([`${templatesDir}: folder not found`]);

    const handlebars = Handlebars.create();
    registerHelpers(handlebars, appUrl, options.timeZone);
    const loader = new TemplateLoader(handlebars, templatesDir);

    const partialNames = loader.loadPartials();
    const layouts = {} as Record<Locale, Template>;
    const notices = new Map<string, CompiledNotice>();
    for (const locale of LOCALES) {
      const layout = loader.compileFile(`layout.${locale}.hbs`);
      if (layout) layouts[locale] = layout;
      for (const kind of NOTICE_KINDS) {
        const notice = loader.compileNotice(`${kind}.${locale}.hbs`);
        if (notice) notices.set(`${kind}.${locale}`, notice);
      }
    }
    loader.checkNoStrayFiles();
    loader.checkPartialReferences(partialNames);
    loader.throwIfProblems();
    return new NoticeRenderer(notices, layouts, appUrl);
  }

  render(kind: NoticeKind, locale: Locale, context: NoticeContext): RenderedNotice {
    const file = `${kind}.${locale}.hbs`;
    const notice = this.notices.get(`${kind}.${locale}`);
    if (!notice) throw new Error(`No notice template ${file}`);
    try {
      const view = {
        ...context.data,
        recipient: toUnconfirmedAddress(kind) ? { name: '' } : context.recipient,
        district: context.district,
        actionUrl: context.link === undefined ? undefined : absoluteUrl(this.appUrl, context.link),
        appUrl: this.appUrl,
        settingsUrl: `${this.appUrl}${SETTINGS_PATH}`,
        isReminder: NOTICE_CATALOGUE[kind].category === 'reminder',
      };
      const runtime = { data: { locale } };
      // Folds line breaks (a header must be one line) but keeps no-break spaces, as in "1.234,56 €".
      const subject = notice.subject(view, runtime).replace(LINE_FOLD, ' ').trim();
      if (!subject) throw new Error('the subject is empty');
      const body = notice.body(view, runtime);
      const html = this.layouts[locale]({ ...view, subject, body }, runtime);
      const inApp = toInAppText(body).trim();
      return { subject, html, text: toText(html), inApp: inApp.charAt(0).toUpperCase() + inApp.slice(1) };
    } catch (error) {
      throw new Error(`Cannot render ${file}: ${messageOf(error)}`, { cause: error });
    }
  }
}

/** Lists every problem found while loading, each naming its file. */
export class NoticeTemplateError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Notice templates are not usable:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'NoticeTemplateError';
  }
}

class TemplateLoader {
  private readonly problems: string[] = [];
  private readonly seen = new Set<string>();
  /** Partials each file uses, checked once all partials are known. */
  private readonly references = new Map<string, Set<string>>();

  constructor(
    private readonly handlebars: HandlebarsInstance,
    private readonly dir: string,
  ) {}

  /**
   * `partials/<name>.hbs` is one partial for all locales; `partials/<name>.<locale>.hbs` is
   * one per locale, and `{{> name}}` picks the render's locale.
   */
  loadPartials(): Set<string> {
    const names = new Set<string>();
    const partialsDir = join(this.dir, 'partials');
    if (!existsSync(partialsDir)) {
      this.problems.push(`${partialsDir}: folder not found`);
      return names;
    }
    const localised = new Map<string, Partial<Record<Locale, Template>>>();
    for (const file of readdirSync(partialsDir)
      .filter((name) => name.endsWith('.hbs'))
      .sort()) {
      const path = `partials/${file}`;
      const [name = '', second, third] = file.split('.');
      if (third === undefined) {
        const template = this.compileFile(path);
        if (template) this.handlebars.registerPartial(name, template);
        names.add(name);
      } else if (second && second in LOCALE_SET) {
        const template = this.compileFile(path);
        if (template) localised.set(name, { ...localised.get(name), [second]: template });
        names.add(name);
      } else {
        this.problems.push(`${join(this.dir, path)}: name it <partial>.hbs or <partial>.<de|en>.hbs`);
      }
    }
    for (const [name, byLocale] of localised) {
      const missing = LOCALES.filter((locale) => !byLocale[locale]);
      if (missing.length > 0) {
        for (const locale of missing)
          this.problems.push(`${join(partialsDir, `${name}.${locale}.hbs`)}: missing`);
        continue;
      }
      const dispatch = (context: unknown, options?: Handlebars.RuntimeOptions) => {
        const locale = (options?.data as { locale?: Locale } | undefined)?.locale;
        const template = locale ? byLocale[locale] : undefined;
        if (!template) throw new Error(`partial ${name}: no locale in the render data`);
        return template(context, options);
      };
      this.handlebars.registerPartial(name, dispatch as Template);
    }
    return names;
  }

  compileFile(file: string): Template | undefined {
    const source = this.read(file);
    return source === undefined ? undefined : this.compile(file, source);
  }

  compileNotice(file: string): CompiledNotice | undefined {
    const source = this.read(file);
    if (source === undefined) return undefined;
    const match = FRONT_MATTER.exec(source);
    if (!match) {
      this.problem(file, 'must start with a front matter block (---, subject: …, ---)');
      return undefined;
    }
    const fields = new Map<string, string>();
    for (const line of (match[1] ?? '').split(/\r?\n/)) {
      if (!line.trim()) continue;
      const field = /^(\w+):\s*(.*)$/.exec(line);
      if (!field) {
        this.problem(file, `front matter line is not "key: value": ${line}`);
        continue;
      }
      fields.set(field[1]!, field[2]!.trim());
    }
    for (const key of fields.keys()) {
      if (key !== 'subject') this.problem(file, `unknown front matter field "${key}"`);
    }
    const subjectSource = fields.get('subject');
    if (!subjectSource) {
      this.problem(file, 'the front matter has no subject');
      return undefined;
    }
    // The subject is a mail header, not HTML: escaping would show "&amp;" in the inbox. The
    // mailer encodes headers, and render() folds the result onto one line.
    const subject = this.compile(file, subjectSource, { noEscape: true });
    const body = this.compile(file, source.slice(match[0].length));
    return subject && body ? { subject, body } : undefined;
  }

  checkNoStrayFiles(): void {
    for (const file of readdirSync(this.dir).filter((name) => name.endsWith('.hbs'))) {
      if (!this.seen.has(file)) {
        this.problem(file, 'is neither a layout nor a template of a notice kind in NOTICE_CATALOGUE');
      }
    }
  }

  checkPartialReferences(known: ReadonlySet<string>): void {
    for (const [file, names] of this.references) {
      for (const name of names) {
        if (!known.has(name)) this.problem(file, `uses the partial "${name}", which does not exist`);
      }
    }
  }

  throwIfProblems(): void {
    if (this.problems.length > 0) throw new NoticeTemplateError(this.problems);
  }

  private read(file: string): string | undefined {
    this.seen.add(file);
    const path = join(this.dir, file);
    if (!existsSync(path)) {
      this.problems.push(`${path}: missing`);
      return undefined;
    }
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  }

  private compile(file: string, source: string, extra: CompileOptions = {}): Template | undefined {
    const options = { ...COMPILE_OPTIONS, ...extra };
    try {
      const references = this.references.get(file) ?? new Set<string>();
      collectPartialNames(this.handlebars.parse(source), references);
      this.references.set(file, references);
      // compile() defers the work to the first render; precompile() runs the whole compiler
      // now, so syntax errors and unknown helpers surface at load.
      this.handlebars.precompile(source, options);
      return this.handlebars.compile(source, options);
    } catch (error) {
      this.problem(file, messageOf(error));
      return undefined;
    }
  }

  private problem(file: string, message: string): void {
    this.problems.push(`${join(this.dir, file)}: ${message}`);
  }
}

function registerHelpers(handlebars: HandlebarsInstance, appUrl: string, timeZone: string): void {
  const helpers: Record<(typeof HELPERS)[number], Handlebars.HelperDelegate> = {
    date: helper('date', 1, ([value], locale) => formatDate(asDate('date', value), locale, timeZone)),
    dateTime: helper('dateTime', 1, ([value], locale) =>
      formatDateTime(asDate('dateTime', value), locale, timeZone),
    ),
    money: helper('money', 1, ([value], locale) => formatMoney(asCents(value), locale)),
    /** `{{link "/antraege" application.id}}`: the app URL, the path, then each part URL-encoded. */
    link: helper('link', 'any', ([path, ...parts]) => {
      if (typeof path !== 'string')
        throw new TypeError(`link: the path must be a string, got ${describe(path)}`);
      if (parts.length === 0) return absoluteUrl(appUrl, path);
      const encoded = parts.map((part) => encodeURIComponent(String(part)));
      return absoluteUrl(appUrl, [path.replace(/\/$/, ''), ...encoded].join('/'));
    }),
    /** `{{plural days one="Tag" other="Tagen"}}` → "1 Tag", "3 Tagen". */
    plural: helper('plural', 1, ([count], locale, hash) => {
      if (typeof count !== 'number' || !Number.isInteger(count)) {
        throw new TypeError(`plural: expected a whole number, got ${describe(count)}`);
      }
      const form = hash[new Intl.PluralRules(locale).select(count)] ?? hash.other;
      if (typeof form !== 'string') throw new TypeError('plural: give at least other="…"');
      return `${count} ${form}`;
    }),
    eq: helper('eq', 2, ([a, b]) => a === b),
    /** Splits a multi-line message so `{{#each}}` can join it with <br> and still escape it. */
    lines: helper('lines', 1, ([value]) => {
      if (typeof value !== 'string') throw new TypeError(`lines: expected text, got ${describe(value)}`);
      return value.split(/\r?\n/);
    }),
  };
  for (const [name, fn] of Object.entries(helpers)) handlebars.registerHelper(name, fn);
}

/** Wraps a helper: checks its argument count and hands it the render's locale and hash. */
function helper(
  name: string,
  arity: number | 'any',
  fn: (args: unknown[], locale: Locale, hash: Record<string, unknown>) => unknown,
): Handlebars.HelperDelegate {
  return (...all: unknown[]) => {
    const options = all.pop() as Handlebars.HelperOptions;
    if (arity !== 'any' && all.length !== arity) {
      throw new Error(`${name} expects ${arity} argument(s), got ${all.length}`);
    }
    const locale = (options.data as { locale?: Locale } | undefined)?.locale;
    if (!locale) throw new Error(`${name}: no locale in the render data`);
    return fn(all, locale, options.hash as Record<string, unknown>);
  };
}

function asDate(helperName: string, value: unknown): Date | string {
  if (value instanceof Date || typeof value === 'string') return value;
  throw new TypeError(`${helperName}: expected a date, got ${describe(value)}`);
}

/** Cents arrive as numbers, bigints, or (from JSON payloads, where bigint cannot go) digit strings. */
function asCents(value: unknown): number | bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`money: expected whole cents, got ${describe(value)}`);
}

function absoluteUrl(appUrl: string, path: string): string {
  // Only paths inside the app: a mail from the district must never point anywhere else.
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) {
    throw new Error(`links must be paths inside the app starting with "/", got ${JSON.stringify(path)}`);
  }
  return `${appUrl}${path}`;
}

function normaliseAppUrl(appUrl: string): string {
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    throw new Error(`appUrl is not a URL: ${JSON.stringify(appUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`appUrl must be an http or https URL: ${JSON.stringify(appUrl)}`);
  }
  return appUrl.replace(/\/+$/, '');
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone });
  } catch {
    throw new Error(`timeZone is not an IANA time zone: ${JSON.stringify(timeZone)}`);
  }
}

function collectPartialNames(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectPartialNames(child, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const statement = node as { type?: string; name?: { type?: string; original?: unknown } };
  const isPartial = statement.type === 'PartialStatement' || statement.type === 'PartialBlockStatement';
  const name = statement.name?.type === 'PathExpression' ? String(statement.name.original) : undefined;
  // `@partial-block` is the block a partial was called with, not a registered partial.
  if (isPartial && name && !name.startsWith('@')) found.add(name);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'loc') collectPartialNames(value, found);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value === 'object' ? Object.prototype.toString.call(value) : JSON.stringify(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

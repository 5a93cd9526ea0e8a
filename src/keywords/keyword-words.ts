// Words that cannot begin or end a keyword. The search index's stop words (function words) plus the rest of
// English's closed classes, and the verbs and adjectives every abstract uses to talk about itself ("we propose a
// novel approach that significantly outperforms existing methods"): they describe a contribution, never name it.
import { STOP_WORDS } from '../search/stopwords.js';

const MORE_FUNCTION_WORDS = `across along among amongst around beyond both either neither nor not no yet still even
already often always never usually since whereas although though unless instead rather quite much many several
various certain another every each such own one two three four five six seven eight nine ten dozens hundreds
thousands millions first second third both none either one's us
we our it its they them their this these those which that there here who whose whom what how where when while can
cannot could would should will shall may might must do does did done make makes made making let lets given via
toward towards onto than then thus hence so also just only well e.g i.e etc vs now today here
almost nearly largely mostly simply merely highly behind beside besides inside outside despite except regarding
concerning unlike beneath underneath throughout`;

const GENERIC = `paper papers work works study studies approach approaches method methods technique techniques framework
frameworks result results finding findings experiment experiments experimental evaluation evaluations analysis
propose proposes proposed proposing present presents presented introduce introduces introduced introducing show
shows showed shown demonstrate demonstrates demonstrated achieve achieves achieved achieving outperform outperforms
outperforming outperformed improve improves improved improving improvement improvements enable enables enabled
enabling leverage leverages leveraging leveraged use uses used using utilize utilizes utilizing based existing
novel new recent recently extensive comprehensive effective efficient significant state-of-the-art sota various
different several prior previous current further additional key main important challenging challenge challenges
problem problems task tasks performance issue issues aspect aspects way ways number numbers set sets lack range
variety wide strong better best good great substantial superior competitive promising
remarkable impressive notable strong robust simple general specific overall particular able capable allows allow
allowing provide provides provided providing offer offers including include includes included remain remains
require requires required requiring consider considers considered remains often typically specifically
respectively first second third available release released publicly github project page url extensive conduct conducted conducting validate validated verify verified`;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

export const KEYWORD_STOP_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS, ...words(MORE_FUNCTION_WORDS)]);
export const GENERIC_WORDS: ReadonlySet<string> = new Set(words(GENERIC));

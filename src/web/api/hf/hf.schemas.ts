// JSON schemas of the Hugging Face–shaped answers. Field order, names, types and optionality follow the real
// responses in ../shared/data/hf-daily-papers and HF's own OpenAPI (required vs optional). Fastify serialises
// with them, so a field missing here is dropped from the answer: the schema is the contract.

const isoTime = { type: 'string', format: 'date-time' } as const;
const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;

export const hfUserSchema = {
  $id: 'HfUser',
  type: 'object',
  description: 'A user as HF sends it. Without avatars here, avatarUrl is the site icon.',
  required: ['_id', 'avatarUrl', 'isPro', 'fullname', 'type', 'name'],
  properties: {
    _id: objectId,
    avatarUrl: { type: 'string' },
    isPro: { type: 'boolean' },
    fullname: { type: 'string' },
    user: { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string', description: 'Username' },
    isHf: { type: 'boolean' },
    isHfAdmin: { type: 'boolean' },
    isMod: { type: 'boolean' },
    isUserFollowing: { type: 'boolean' },
  },
} as const;

export const hfOrganizationSchema = {
  $id: 'HfOrganization',
  type: 'object',
  description: "The organization a paper is attributed to, as HF sends it; avatar is this site's generated SVG",
  required: ['_id', 'name', 'fullname', 'avatar'],
  properties: {
    _id: objectId,
    name: { type: 'string', description: 'The organization’s handle (its /orgs/{name} slug)' },
    fullname: { type: 'string' },
    avatar: { type: 'string' },
  },
} as const;

export const hfAuthorSchema = {
  $id: 'HfAuthor',
  type: 'object',
  required: ['_id', 'name', 'hidden'],
  properties: {
    _id: { ...objectId, description: 'Stable per paper and author position' },
    name: { type: 'string' },
    hidden: { type: 'boolean' },
  },
} as const;

const paperProperties = {
  id: { type: 'string', description: 'Bare arXiv id', examples: ['2401.01234'] },
  authors: { type: 'array', items: { $ref: 'HfAuthor#' } },
  publishedAt: { ...isoTime, description: 'First arXiv version' },
  submittedOnDailyAt: { ...isoTime, description: 'Listing day at 00:00 UTC; absent when never listed' },
  title: { type: 'string' },
  submittedOnDailyBy: { $ref: 'HfUser#' },
  summary: { type: 'string', description: 'Abstract, one line per paragraph, TeX left as written' },
  upvotes: { type: 'integer' },
  discussionId: objectId,
  ai_summary: {
    type: 'string',
    description: 'One-sentence summary by the configured summary model (summaries.provider); absent without one',
  },
  ai_keywords: {
    type: 'array',
    items: { type: 'string' },
    description: 'Keywords extracted from the title and abstract (no model: see docs/search.md); absent until computed',
  },
  ai_summary_model: { type: 'string', description: 'The model that wrote ai_summary' },
  githubRepo: { type: 'string', description: 'GitHub repository URL, when the paper links one' },
  projectPage: { type: 'string' },
  organization: { $ref: 'HfOrganization#' },
  withdrawnAt: isoTime,
} as const;

const paperRequired = ['id', 'authors', 'publishedAt', 'title', 'summary', 'upvotes', 'discussionId'] as const;

export const hfPaperSchema = {
  $id: 'HfPaper',
  type: 'object',
  required: paperRequired,
  properties: paperProperties,
} as const;

export const hfDailyPaperSchema = {
  $id: 'HfDailyPaper',
  type: 'object',
  description: 'One item of GET /api/daily_papers, shaped like huggingface.co/api/daily_papers',
  required: [
    'paper',
    'publishedAt',
    'title',
    'summary',
    'thumbnail',
    'numComments',
    'submittedBy',
    'isAuthorParticipating',
  ],
  properties: {
    paper: { $ref: 'HfPaper#' },
    publishedAt: isoTime,
    title: { type: 'string' },
    summary: { type: 'string' },
    thumbnail: { type: 'string' },
    numComments: { type: 'integer' },
    submittedBy: { $ref: 'HfUser#' },
    organization: { $ref: 'HfOrganization#' },
    isAuthorParticipating: { type: 'boolean' },
  },
} as const;

export const hfSearchItemSchema = {
  $id: 'HfSearchItem',
  type: 'object',
  description:
    'One hit of GET /api/papers/search: a daily item (submittedBy only when the paper is listed) plus highlights',
  required: [
    'paper',
    'publishedAt',
    'title',
    'summary',
    'thumbnail',
    'numComments',
    'isAuthorParticipating',
    'highlightedTitle',
    'highlightedSummary',
  ],
  properties: {
    ...hfDailyPaperSchema.properties,
    highlightedTitle: { type: 'string', description: 'HTML-escaped title with <mark> around matches' },
    highlightedSummary: { type: 'string', description: 'HTML-escaped abstract excerpt with <mark> around matches' },
  },
} as const;

const linkedList = { type: 'array', items: { type: 'object' }, maxItems: 0, description: 'Always empty here' } as const;

export const hfPaperDetailSchema = {
  $id: 'HfPaperDetail',
  type: 'object',
  required: [
    ...paperRequired,
    'numComments',
    'linkedModels',
    'numTotalModels',
    'linkedDatasets',
    'numTotalDatasets',
    'linkedSpaces',
    'numTotalSpaces',
  ],
  properties: {
    ...paperProperties,
    numComments: { type: 'integer', description: 'Visible comments on the paper here' },
    linkedModels: linkedList,
    numTotalModels: { type: 'integer' },
    linkedDatasets: linkedList,
    numTotalDatasets: { type: 'integer' },
    linkedSpaces: linkedList,
    numTotalSpaces: { type: 'integer' },
  },
} as const;

export const hfPaperListItemSchema = {
  $id: 'HfPaperListItem',
  type: 'object',
  description: 'One paper of GET /api/papers: the flat paper of GET /api/papers/{id} with its comment count',
  required: [...paperRequired, 'numComments'],
  properties: {
    ...paperProperties,
    numComments: { type: 'integer', description: 'Visible comments on the paper here' },
  },
} as const;

/** Added to the root instance (server.ts) so that routes and the OpenAPI document can `$ref` them. */
export const hfSchemas = [
  hfUserSchema,
  hfOrganizationSchema,
  hfAuthorSchema,
  hfPaperSchema,
  hfDailyPaperSchema,
  hfPaperDetailSchema,
  hfSearchItemSchema,
  hfPaperListItemSchema,
];

-- Organizations (a lab, a company, a reading group): a page, members with roles, and the papers attributed to
-- them (one organization per paper, as on Hugging Face). Anyone signed in may create one and becomes its admin.
CREATE TABLE organizations (
  id BIGSERIAL PRIMARY KEY,
  slug TEXT NOT NULL,                       -- lower-case letters, digits and '-': the /orgs/{slug} address
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
-- serves /orgs/{slug} and keeps slugs unique
CREATE UNIQUE INDEX organizations_slug ON organizations (slug);

CREATE TABLE organization_members (
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,                       -- admin | member
  added_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (organization_id, user_id)
);
-- serves "the organizations I belong to" (the attribution choices on a paper page)
CREATE INDEX organization_members_user ON organization_members (user_id);

CREATE TABLE paper_organizations (
  paper_id BIGINT PRIMARY KEY REFERENCES papers (id),
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  attributed_by BIGINT REFERENCES users (id),
  attributed_at TIMESTAMPTZ NOT NULL
);
-- serves the organization page's papers and the daily page's ?org= filter
CREATE INDEX paper_organizations_org ON paper_organizations (organization_id, paper_id);

-- Cards, daily pages and organization pages show these rows: bump the page version with them (see 0012).
CREATE TRIGGER organizations_page_change AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER organization_members_page_change AFTER INSERT OR UPDATE OR DELETE ON organization_members FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER paper_organizations_page_change AFTER INSERT OR UPDATE OR DELETE ON paper_organizations FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();

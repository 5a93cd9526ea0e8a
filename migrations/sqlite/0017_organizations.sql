-- Organizations (a lab, a company, a reading group): a page, members with roles, and the papers attributed to
-- them (one organization per paper, as on Hugging Face). Anyone signed in may create one and becomes its admin.
CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL,                       -- lower-case letters, digits and '-': the /orgs/{slug} address
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- serves /orgs/{slug} and keeps slugs unique
CREATE UNIQUE INDEX organizations_slug ON organizations (slug);

CREATE TABLE organization_members (
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,                       -- admin | member
  added_at TEXT NOT NULL,
  PRIMARY KEY (organization_id, user_id)
);
-- serves "the organizations I belong to" (the attribution choices on a paper page)
CREATE INDEX organization_members_user ON organization_members (user_id);

CREATE TABLE paper_organizations (
  paper_id INTEGER PRIMARY KEY REFERENCES papers (id),
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  attributed_by INTEGER REFERENCES users (id),
  attributed_at TEXT NOT NULL
);
-- serves the organization page's papers and the daily page's ?org= filter
CREATE INDEX paper_organizations_org ON paper_organizations (organization_id, paper_id);

-- Cards, daily pages and organization pages show these rows: bump the page version with them (see 0012).
CREATE TRIGGER organizations_insert_page_change AFTER INSERT ON organizations BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER organizations_update_page_change AFTER UPDATE ON organizations BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER organizations_delete_page_change AFTER DELETE ON organizations BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER organization_members_insert_page_change AFTER INSERT ON organization_members BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER organization_members_update_page_change AFTER UPDATE ON organization_members BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER organization_members_delete_page_change AFTER DELETE ON organization_members BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_organizations_insert_page_change AFTER INSERT ON paper_organizations BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_organizations_update_page_change AFTER UPDATE ON paper_organizations BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER paper_organizations_delete_page_change AFTER DELETE ON paper_organizations BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;

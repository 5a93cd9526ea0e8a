import { describe, expect, it } from 'vitest';
import { type HarvestCheckpoint, listRecordsUrl, planHarvest } from './harvest-plan.js';

const done: HarvestCheckpoint = {
  from: '2024-01-01',
  until: null,
  set: null,
  resumptionToken: null,
  lastDatestamp: '2024-03-05',
};

describe('planHarvest', () => {
  it('starts a first harvest at the given window, one window per set', () => {
    const plan = planHarvest({ saved: null, from: '2024-01-01', sets: ['cs', 'math'] });
    expect(plan).toMatchObject({ from: '2024-01-01', until: null, resumed: false });
    expect(plan.windows).toEqual([
      { set: 'cs', resumptionToken: null },
      { set: 'math', resumptionToken: null },
    ]);
  });

  it('continues from the last datestamp when no from is given and the last run finished', () => {
    expect(planHarvest({ saved: done })).toMatchObject({
      from: '2024-03-05',
      resumed: false,
      lastDatestamp: '2024-03-05',
    });
  });

  it('resumes an interrupted window at its saved token, skipping the sets already done', () => {
    const saved = { ...done, set: 'math', resumptionToken: 'tok|2' };
    const plan = planHarvest({ saved, sets: ['cs', 'math', 'physics'] });
    expect(plan).toMatchObject({ from: '2024-01-01', resumed: true });
    expect(plan.windows).toEqual([
      { set: 'math', resumptionToken: 'tok|2' },
      { set: 'physics', resumptionToken: null },
    ]);
  });

  it('resumes between windows at the start of the next set', () => {
    const saved = { ...done, set: 'physics' };
    expect(planHarvest({ saved, sets: ['cs', 'physics'] }).windows).toEqual([
      { set: 'physics', resumptionToken: null },
    ]);
  });

  it('starts afresh when asked for a different window than the interrupted one', () => {
    const saved = { ...done, resumptionToken: 'tok|2' };
    const plan = planHarvest({ saved, from: '2023-06-01' });
    expect(plan).toMatchObject({ from: '2023-06-01', resumed: false, windows: [{ set: null, resumptionToken: null }] });
  });
});

describe('listRecordsUrl', () => {
  it('encodes the window parameters', () => {
    const url = listRecordsUrl({
      baseUrl: 'https://oaipmh.arxiv.org/oai',
      format: 'arXivRaw',
      from: '2024-01-01',
      until: '2024-01-31',
      set: 'physics:hep-th',
    });
    expect(url).toBe(
      'https://oaipmh.arxiv.org/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2024-01-01&until=2024-01-31&set=physics%3Ahep-th',
    );
  });

  it('sends a resumption token alone, as OAI-PMH requires, and encodes it', () => {
    const url = listRecordsUrl({
      baseUrl: 'https://oaipmh.arxiv.org/oai',
      format: 'arXiv',
      from: '2024-01-01',
      set: 'cs',
      resumptionToken: '726959|1001',
    });
    expect(url).toBe('https://oaipmh.arxiv.org/oai?verb=ListRecords&resumptionToken=726959%7C1001');
  });
});

import { describe, expect, it } from 'vitest';
import { openTestFile } from '../pose/test-support/corpus.js';
import { readDynamicTableInfo, readDynamicTableRows } from './dynamic-table.js';
import { writeNwbFixture } from './test-support/nwb-fixture.js';

describe('DynamicTable', () => {
  it('describes columns in colnames order, with ragged indexes and region targets', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const info = await readDynamicTableInfo(file, '/intervals/trials');
    expect(info).toMatchObject({ neurodataType: 'TimeIntervals', description: 'trial data', rowCount: 4 });
    expect(info.columns.map((c) => [c.name, c.indexPaths])).toEqual([
      ['start_time', []],
      ['stop_time', []],
      ['tags', ['/intervals/trials/tags_index']],
      ['epoch', []],
      ['licks', ['/intervals/trials/licks_index_index', '/intervals/trials/licks_index']],
    ]);
    expect(info.columns.find((c) => c.name === 'epoch')).toMatchObject({
      neurodataType: 'DynamicTableRegion',
      regionTable: '/intervals/epochs',
    });
    await file.close();
  });

  it('reads all rows: ragged cells split by VectorIndex end offsets, nested indexes nest', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const rows = await readDynamicTableRows(file, await readDynamicTableInfo(file, '/intervals/trials'));
    expect(rows.ids).toEqual([0, 1, 2, 3]);
    expect(rows.columns).toEqual({
      start_time: [0, 1.5, 3, 4.5],
      stop_time: [1, 2.5, 4, 5.5],
      tags: [['a', 'b'], [], ['c', 'd', 'e'], []],
      epoch: [0, 0, 1, 1],
      licks: [[[0.1, 0.2], [0.3]], [[1.6]], [[3.1, 3.2]], []],
    });
    await file.close();
  });

  it.each([
    [1, 3, { tags: [[], ['c', 'd', 'e']], licks: [[[1.6]], [[3.1, 3.2]]] }],
    [2, 3, { tags: [['c', 'd', 'e']], licks: [[[3.1, 3.2]]] }],
    [3, 4, { tags: [[]], licks: [[]] }],
    [2, 2, { tags: [], licks: [] }],
  ])('reads a window of rows [%s, %s) through the indexes', async (start, end, want) => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const rows = await readDynamicTableRows(file, await readDynamicTableInfo(file, '/intervals/trials'), start, end);
    expect(rows.columns.tags).toEqual(want.tags);
    expect(rows.columns.licks).toEqual(want.licks);
    expect(rows.ids).toEqual(Array.from({ length: end - start }, (_, i) => start + i));
    await file.close();
  });

  it('refuses rows outside the table and groups that are not tables', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const info = await readDynamicTableInfo(file, '/intervals/trials');
    await expect(readDynamicTableRows(file, info, 0, 5)).rejects.toThrow(/outside the 4 rows/);
    await expect(readDynamicTableInfo(file, '/general')).rejects.toThrow(/no id column/);
    await file.close();
  });
});

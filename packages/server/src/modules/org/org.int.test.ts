import { describe, expect, it } from 'vitest';
import { type Client, login, makeOutlet, useCastApp } from '../../test/harness';
import { readSheet } from '../../test/xlsx';

describe('organisation', () => {
  const ctx = useCastApp();

  it('creates, edits, deactivates and reactivates an outlet', async () => {
    const created = await ctx.admin.post('/api/v1/outlets', {
      branchId: ctx.cast.branchId,
      code: 'NEW1',
      name: '新华支行',
      pilot: true,
    });
    expect(created.statusCode).toBe(201);
    const o = created.json();
    expect(o).toMatchObject({
      code: 'NEW1',
      name: '新华支行',
      pilot: true,
      active: true,
      staffCount: 0,
      branchName: 'KM分行',
    });
    const edited = await ctx.admin.patch(`/api/v1/outlets/${o.id}`, {
      name: '新华路支行',
      address: '昆明市新华路 1 号',
    });
    expect(edited.json()).toMatchObject({ name: '新华路支行', address: '昆明市新华路 1 号', code: 'NEW1' });
    const off = await ctx.admin.post(`/api/v1/outlets/${o.id}/deactivate`);
    expect(off.json().active).toBe(false);
    expect((await ctx.admin.get(`/api/v1/outlets/${o.id}`)).json().active).toBe(false);
    expect((await ctx.admin.post(`/api/v1/outlets/${o.id}/reactivate`)).json().active).toBe(true);
  });

  it('refuses a duplicate outlet code with 409 naming the field', async () => {
    const res = await ctx.admin.post('/api/v1/outlets', {
      branchId: ctx.cast.branchId,
      code: 'A1',
      name: '重复',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'OUTLET_CODE_TAKEN', errors: [{ field: 'body.code' }] });
  });

  it('names every bad field, in Chinese by default and in English when asked', async () => {
    const zh = await ctx.admin.post('/api/v1/outlets', {
      branchId: ctx.cast.branchId,
      code: 'bad code!',
      name: '',
    });
    expect(zh.statusCode).toBe(400);
    const body = zh.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['body.code', 'body.name']);
    expect(body.errors.find((e: { field: string }) => e.field === 'body.name').message).toBe(
      '名称：至少 1 个字符',
    );
    // the signed-in user's language wins over the browser's (authentication comes before validation)
    await ctx.admin.patch('/api/v1/auth/me', { locale: 'en-US' });
    const en = await ctx.admin.post(
      '/api/v1/outlets',
      { branchId: ctx.cast.branchId, code: 'X2' },
      { 'accept-language': 'zh-CN' },
    );
    expect(en.json().errors).toEqual([{ field: 'body.name', code: 'required', message: 'Name is required' }]);
  });

  it('pages, filters, sorts and counts outlets on the server', async () => {
    for (let i = 0; i < 23; i++)
      await makeOutlet(ctx.t, ctx.cast.branchId, {
        code: `P${String(i).padStart(2, '0')}`,
        name: `分页支行${i}`,
        pilot: i % 2 === 0,
      });
    const p1 = (await ctx.admin.get('/api/v1/outlets?page=1&pageSize=10')).json();
    expect(p1.total).toBe(25);
    expect(p1.items).toHaveLength(10);
    expect(p1.items[0].code).toBe('A1');
    const p3 = (await ctx.admin.get('/api/v1/outlets?page=3&pageSize=10')).json();
    expect(p3.items).toHaveLength(5);
    const filtered = (await ctx.admin.get(`/api/v1/outlets?q=${encodeURIComponent('分页支行1')}`)).json();
    expect(filtered.total).toBe(11); // 1, 10–19
    const pilots = (await ctx.admin.get('/api/v1/outlets?pilot=true&pageSize=100')).json();
    expect(pilots.items.every((o: { pilot: boolean }) => o.pilot)).toBe(true);
    expect(pilots.total).toBe(12);
    const desc = (await ctx.admin.get('/api/v1/outlets?sort=-code&pageSize=1')).json();
    expect(desc.items[0].code).toBe('P22');
    const tooBig = await ctx.admin.get('/api/v1/outlets?pageSize=1000');
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors[0].field).toBe('querystring.pageSize');
  });

  it('treats LIKE wildcards in a search literally', async () => {
    await makeOutlet(ctx.t, ctx.cast.branchId, { code: 'PCT', name: '百分之50%支行' });
    expect((await ctx.admin.get(`/api/v1/outlets?q=${encodeURIComponent('50%')}`)).json().total).toBe(1);
    expect((await ctx.admin.get(`/api/v1/outlets?q=${encodeURIComponent('%')}`)).json().total).toBe(1);
    expect((await ctx.admin.get('/api/v1/outlets?q=_')).json().total).toBe(0);
  });

  it('exports the filtered outlet list as a real .xlsx workbook', async () => {
    const res = await ctx.admin.get('/api/v1/outlets/export.xlsx?q=%E7%94%B2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const sheet = await readSheet(res);
    expect(sheet.title).toBe('网点列表');
    expect(sheet.filterLine).toContain('关键词：甲');
    expect(sheet.headers[0]).toBe('网点编号');
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]![1]).toBe('甲支行');
    // names and real values, not codes and text: a pilot flag as 是/否, a creation time as a date
    expect(sheet.rows[0]![sheet.headers.indexOf('试点网点')]).toBe('否');
    expect(sheet.rows[0]![sheet.headers.indexOf('创建时间')]).toBeInstanceOf(Date);
    expect(sheet.formats[sheet.headers.indexOf('创建时间')]).toBe('yyyy-mm-dd hh:mm');
  });

  it('keeps zones, posts and staff per outlet, with validation of references', async () => {
    const base = `/api/v1/outlets/${ctx.cast.outletA}`;
    const zone = (
      await ctx.admin.post(`${base}/zones`, { kind: 'super_counter', name: '超柜区', capacity: 3 })
    ).json();
    expect(zone).toMatchObject({ kind: 'super_counter', capacity: 3, active: true });
    const noZone = await ctx.admin.post(`${base}/posts`, { kind: 'zone', name: '超柜区岗' });
    expect(noZone.statusCode).toBe(400);
    expect(noZone.json().errors[0]).toMatchObject({ field: 'body.zoneId', code: 'ZONE_REQUIRED' });
    const post = (
      await ctx.admin.post(`${base}/posts`, { kind: 'zone', name: '超柜区岗', zoneId: zone.id })
    ).json();
    expect(post).toMatchObject({ zoneId: zone.id, zoneName: '超柜区' });
    const welcome = (await ctx.admin.post(`${base}/posts`, { kind: 'welcome', name: '迎宾位' })).json();

    const badSkill = await ctx.admin.post(`${base}/staff`, {
      employeeNo: 'E1',
      name: '王芳',
      roles: ['teller'],
      skills: ['cash', 'nope'],
    });
    expect(badSkill.statusCode).toBe(400);
    expect(badSkill.json().errors).toEqual([
      expect.objectContaining({ field: 'body.skills.1', code: 'UNKNOWN_REFERENCE' }),
    ]);

    const staff = await ctx.admin.post(`${base}/staff`, {
      employeeNo: 'E1',
      name: '王芳',
      roles: ['lobby_manager'],
      skills: ['cash', 'non_cash'],
      phone: '13812341234',
      homePostId: welcome.id,
    });
    expect(staff.statusCode).toBe(201);
    expect(staff.json()).toMatchObject({
      name: '王芳',
      roles: ['lobby_manager'],
      phone: '13812341234',
      homePostId: welcome.id,
    });
    const dup = await ctx.admin.post(`${base}/staff`, { employeeNo: 'E1', name: '李四', roles: ['teller'] });
    expect(dup.statusCode).toBe(409);

    const list = (await ctx.admin.get(`${base}/staff?q=${encodeURIComponent('王')}`)).json();
    expect(list.total).toBe(1);
    expect((await ctx.admin.get(`${base}/staff?role=teller`)).json().total).toBe(0);
    const off = await ctx.admin.post(`${base}/staff/${staff.json().id}/deactivate`);
    expect(off.json().active).toBe(false);
    expect((await ctx.admin.get(`${base}/staff?active=true`)).json().total).toBe(0);
    expect((await ctx.admin.get(`/api/v1/outlets/${ctx.cast.outletA}`)).json().zoneCount).toBe(1);
  });

  it('encrypts phones at rest, masks them for most roles and hides them from consultants', async () => {
    const base = `/api/v1/outlets/${ctx.cast.outletA}`;
    const s = (
      await ctx.admin.post(`${base}/staff`, {
        employeeNo: 'E7',
        name: '赵敏',
        roles: ['teller'],
        phone: '13912345678',
      })
    ).json();
    const row = await ctx.t.database.db
      .selectFrom('staff')
      .select('phone_enc')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13912345678');
    expect(row.phone_enc).toMatch(/^v1:/);

    const lobby = await login(ctx.t, 'lobby.a');
    expect((await lobby.get(`${base}/staff`)).json().items[0].phone).toBe('139****5678');
    const head = await login(ctx.t, 'head.a');
    expect((await head.get(`${base}/staff`)).json().items[0].phone).toBe('13912345678');
    const consultant = await login(ctx.t, 'consultant');
    expect((await consultant.get(`${base}/staff`)).json().items[0].phone).toBeNull();
    const cpo = await login(ctx.t, 'cpo');
    expect((await cpo.get(`${base}/staff`)).json().items[0].phone).toBe('139****5678');
    // exports mask by the same rules as the screen
    const phoneOf = async (c: Client) => {
      const sheet = await readSheet(await c.get(`${base}/staff/export.xlsx`));
      return sheet.rows[0]![sheet.headers.indexOf('电话')];
    };
    expect(await phoneOf(consultant)).toBeNull();
    expect(await phoneOf(lobby)).toBe('139****5678');
    expect(await phoneOf(head)).toBe('13912345678');
  });

  it('stores hostile strings verbatim', async () => {
    const name = `<script>alert(1)</script>' OR 1=1 --`;
    const res = await ctx.admin.post('/api/v1/outlets', { branchId: ctx.cast.branchId, code: 'XSS', name });
    expect(res.statusCode).toBe(201);
    expect((await ctx.admin.get(`/api/v1/outlets/${res.json().id}`)).json().name).toBe(name);
    const search = (await ctx.admin.get(`/api/v1/outlets?q=${encodeURIComponent("' OR 1=1 --")}`)).json();
    expect(search.total).toBe(1);
  });

  it('lets only the catalogue roles edit business types', async () => {
    const created = await ctx.admin.post('/api/v1/business-types', {
      code: 'fx',
      nameZh: '外汇',
      nameEn: 'Foreign exchange',
      defaultZoneKind: 'non_cash',
    });
    expect(created.statusCode).toBe(201);
    const head = await login(ctx.t, 'head.a');
    const refused = await head.post('/api/v1/business-types', {
      code: 'gold',
      nameZh: '黄金',
      nameEn: 'Gold',
      defaultZoneKind: 'wealth',
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await head.get('/api/v1/business-types')).json().items.map((b: { code: string }) => b.code),
    ).toContain('fx');
    const off = await ctx.admin.post(`/api/v1/business-types/${created.json().id}/deactivate`);
    expect(off.json().active).toBe(false);
  });

  it('exports zones, posts and the business-type catalogue as .xlsx', async () => {
    const base = `/api/v1/outlets/${ctx.cast.outletA}`;
    await ctx.admin.post(`${base}/zones`, { kind: 'wealth', name: '理财区', capacity: 2 });
    await ctx.admin.post(`${base}/posts`, { kind: 'welcome', name: '迎宾位' });
    for (const [url, row] of [
      [`${base}/zones/export.xlsx`, ['理财区', '理财区', 2, '启用']],
      [`${base}/posts/export.xlsx`, ['迎宾位', '迎宾位', null, '启用']],
      ['/api/v1/business-types/export.xlsx', ['cash', 'cash', 'cash', '现金区', '启用']],
    ] as const) {
      const res = await ctx.admin.get(url);
      expect(res.statusCode).toBe(200);
      // the kind column holds the code table's name (理财区, 迎宾位, 现金区), never the raw code
      expect((await readSheet(res)).rows[0]).toEqual(row);
    }
    const en = await ctx.admin.get(`${base}/zones/export.xlsx`, { 'accept-language': 'en-US' });
    const enSheet = await readSheet(en);
    expect(enSheet.title).toBe('功能分区'); // the account's language (zh-CN) wins over the header
    const head = await login(ctx.t, 'head.a');
    expect((await head.get(`/api/v1/outlets/${ctx.cast.outletB}/zones/export.xlsx`)).statusCode).toBe(404);
  });
});

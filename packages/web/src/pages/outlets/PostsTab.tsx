import type { Outlet, Post } from '@liangdian/shared/api';
import { POST_KINDS, type PostKind } from '@liangdian/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, Form, Input, Select, type TableProps } from 'antd';
import { api } from '../../api/client';
import { FormModal, type RecordModalProps, useRecordForm } from '../../components/FormModal';
import { requiredRule, requiredText } from '../../components/formRules';
import { rowActionsColumn, statusColumn } from '../../components/masterColumns';
import { QueryTable } from '../../components/QueryTable';
import { CountToolbar, NewButton } from '../../components/TableToolbar';
import { useEditModal } from '../../components/useEditModal';
import { ExportButton } from '../../components/ExportButton';
import { useI18n } from '../../i18n/i18n';
import { useZones } from './ZonesTab';

export function usePosts(outletId: string) {
  return useQuery({
    queryKey: ['outlet', outletId, 'posts'],
    queryFn: () => api.get('/outlets/:outletId/posts', { params: { outletId } }),
  });
}

interface Values {
  kind: PostKind;
  name: string;
  zoneId?: string | null;
}

function PostModal({ outletId, modal, onSaved }: RecordModalProps<Post> & { outletId: string }) {
  const { t, tEnum } = useI18n();
  const post = modal.editing;
  const zones = useZones(outletId);
  const { form, modalProps } = useRecordForm<Values, Post>(modal, {
    fill: (post) => (post ? { kind: post.kind, name: post.name, zoneId: post.zoneId } : undefined),
    save: async (v, post) => {
      const body = {
        kind: v.kind,
        name: v.name.trim(),
        zoneId: v.kind === 'zone' ? (v.zoneId ?? null) : null,
      };
      if (post)
        await api.patch('/outlets/:outletId/posts/:postId', { params: { outletId, postId: post.id }, body });
      else await api.post('/outlets/:outletId/posts', { params: { outletId }, body });
    },
    onSaved,
  });
  const kind = Form.useWatch('kind', form);

  return (
    <FormModal {...modalProps} title={post ? t('posts.edit') : t('posts.new')}>
      <Form.Item name="kind" label={t('posts.kind')} rules={[requiredRule(t)]}>
        <Select
          options={POST_KINDS.map((k) => ({ value: k, label: tEnum('postKind', k) }))}
          onChange={(k: string) => {
            if (!form.getFieldValue('name') && k !== 'zone') form.setFieldValue('name', tEnum('postKind', k));
          }}
        />
      </Form.Item>
      {kind === 'zone' ? (
        <Form.Item
          name="zoneId"
          label={t('posts.zone')}
          extra={t('posts.zoneHint')}
          rules={[{ required: true, message: t('posts.zoneRequired') }]}
        >
          <Select
            loading={zones.isLoading}
            options={(zones.data?.items ?? [])
              .filter((z) => z.active || z.id === post?.zoneId)
              .map((z) => ({ value: z.id, label: `${z.name} · ${tEnum('zoneKind', z.kind)}` }))}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('zones.empty')} />}
            onChange={(id: string) => {
              const z = zones.data?.items.find((x) => x.id === id);
              if (z && !form.getFieldValue('name')) form.setFieldValue('name', z.name);
            }}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="name" label={t('posts.name')} rules={requiredText(t, 60)}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

export function PostsTab({ outlet, editable }: { outlet: Outlet; editable: boolean }) {
  const { t, tEnum } = useI18n();
  const queryClient = useQueryClient();
  const posts = usePosts(outlet.id);
  const modal = useEditModal<Post>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['outlet', outlet.id, 'posts'] });

  const columns: TableProps<Post>['columns'] = [
    { title: t('posts.kind'), dataIndex: 'kind', width: 140, render: (v: string) => tEnum('postKind', v) },
    { title: t('posts.name'), dataIndex: 'name' },
    { title: t('posts.zone'), dataIndex: 'zoneName', render: (v: string | null) => v || '—' },
    statusColumn(t),
  ];
  if (editable)
    columns.push(
      rowActionsColumn(t, {
        path: '/outlets/:outletId/posts/:postId',
        params: (p) => ({ outletId: outlet.id, postId: p.id }),
        name: (p) => p.name,
        onEdit: modal.edit,
        onDone: refresh,
      }),
    );

  return (
    <>
      <CountToolbar count={posts.data?.items.length ?? 0}>
        <ExportButton
          list="/outlets/:outletId/posts"
          params={{ outletId: outlet.id }}
          filename={`posts-${outlet.code}.xlsx`}
        />
        {editable ? <NewButton label={t('posts.new')} onClick={modal.create} /> : null}
      </CountToolbar>
      <QueryTable<Post>
        query={posts}
        columns={columns}
        pagination={false}
        scroll={{ x: 560 }}
        empty={t('posts.empty')}
      />
      <PostModal outletId={outlet.id} modal={modal} onSaved={refresh} />
    </>
  );
}

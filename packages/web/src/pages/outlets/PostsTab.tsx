import type { Outlet, Post } from '@liangdian/shared/api';
import { POST_KINDS, type PostKind } from '@liangdian/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, Form, Input, Select, Table, type TableProps } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { FormModal, useFormSubmit } from '../../components/FormModal';
import { emptyText, rowActionsColumn, statusColumn } from '../../components/masterColumns';
import { CountToolbar, NewButton } from '../../components/TableToolbar';
import { useEditModal } from '../../components/useEditModal';
import { ExportButton } from '../../components/ExportButton';
import { QueryError } from '../../components/QueryError';
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

function PostModal({
  outletId,
  post,
  open,
  onClose,
  onSaved,
}: {
  outletId: string;
  post: Post | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tEnum } = useI18n();
  const [form] = Form.useForm<Values>();
  const zones = useZones(outletId);
  const kind = Form.useWatch('kind', form);
  const { busy, submit } = useFormSubmit(form, {
    save: async (v) => {
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

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (post) form.setFieldsValue({ kind: post.kind, name: post.name, zoneId: post.zoneId });
  }, [open, post, form]);

  return (
    <FormModal
      open={open}
      title={post ? t('posts.edit') : t('posts.new')}
      form={form}
      busy={busy}
      onOk={submit}
      onClose={onClose}
    >
      <Form.Item
        name="kind"
        label={t('posts.kind')}
        rules={[{ required: true, message: t('form.required') }]}
      >
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
      <Form.Item
        name="name"
        label={t('posts.name')}
        rules={[
          { required: true, whitespace: true, message: t('form.required') },
          { max: 60, message: t('form.max', { n: 60 }) },
        ]}
      >
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
      <QueryError error={posts.error} onRetry={() => posts.refetch()} />
      <Table<Post>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={posts.data?.items}
        loading={posts.isFetching}
        pagination={false}
        scroll={{ x: 560 }}
        locale={emptyText(t('posts.empty'))}
      />
      <PostModal
        outletId={outlet.id}
        post={modal.editing}
        open={modal.open}
        onClose={modal.close}
        onSaved={() => {
          modal.close();
          refresh();
        }}
      />
    </>
  );
}

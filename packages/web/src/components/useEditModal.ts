import { useState } from 'react';

/**
 * State of a create/edit modal over a table: `editing` is the row being edited
 * (null when creating a new one).
 */
export function useEditModal<T>() {
  const [editing, setEditing] = useState<T | null>(null);
  const [open, setOpen] = useState(false);
  return {
    editing,
    open,
    edit: (row: T) => {
      setEditing(row);
      setOpen(true);
    },
    create: () => {
      setEditing(null);
      setOpen(true);
    },
    close: () => setOpen(false),
  };
}

import { useState } from 'react';

/**
 * State of a create/edit modal over a table: `editing` is the row being edited
 * (null when creating a new one).
 */
export function useEditModal<T>(): EditModal<T> {
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

/** What useEditModal returns: the row being edited, whether the modal is open, and its actions. */
export interface EditModal<T> {
  editing: T | null;
  open: boolean;
  edit: (row: T) => void;
  create: () => void;
  close: () => void;
}

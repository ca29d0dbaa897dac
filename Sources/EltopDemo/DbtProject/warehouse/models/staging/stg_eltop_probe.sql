-- The current eltop_probe rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('eltop_probe', ['id'], ['id', 'note', 'written_at']) }}

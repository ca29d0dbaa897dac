-- The current category rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('category', ['category_id'], ['category_id', 'name', 'last_update']) }}

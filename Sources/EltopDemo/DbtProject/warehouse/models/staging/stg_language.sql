-- The current language rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('language', ['language_id'], ['language_id', 'name', 'last_update']) }}

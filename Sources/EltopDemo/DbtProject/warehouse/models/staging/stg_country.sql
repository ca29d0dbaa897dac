-- The current country rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('country', ['country_id'], ['country_id', 'country', 'last_update']) }}

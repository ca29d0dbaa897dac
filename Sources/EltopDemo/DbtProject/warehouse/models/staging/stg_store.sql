-- The current store rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('store', ['store_id'], ['store_id', 'manager_staff_id', 'address_id', 'last_update']) }}

-- The current staff rows from raw: latest change per key, deletes dropped.
-- password and picture stay in raw: a dashboard and the marts never need them.
{{ cdc_current_rows('staff', ['staff_id'], ['staff_id', 'first_name', 'last_name', 'address_id', 'email', 'store_id', 'active', 'username', 'last_update']) }}

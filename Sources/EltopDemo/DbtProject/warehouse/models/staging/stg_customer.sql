-- The current customer rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('customer', ['customer_id'], ['customer_id', 'store_id', 'first_name', 'last_name', 'email', 'address_id', 'activebool', 'create_date', 'last_update', 'active']) }}

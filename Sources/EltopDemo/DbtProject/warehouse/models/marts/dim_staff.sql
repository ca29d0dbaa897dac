-- One row per staff member with the store they work at; credentials stay out.
select
    {{ surrogate_key(['s.staff_id']) }} as staff_key,
    s.staff_id,
    s.first_name,
    s.last_name,
    s.first_name || ' ' || s.last_name as full_name,
    s.email,
    s.store_id,
    s.active as is_active,
    st.manager_staff_id = s.staff_id as is_store_manager
from {{ ref('stg_staff') }} s
left join {{ ref('stg_store') }} st on st.store_id = s.store_id

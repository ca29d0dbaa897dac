-- One row per customer with its address, city and country.
select
    {{ surrogate_key(['c.customer_id']) }} as customer_key,
    c.customer_id,
    c.first_name,
    c.last_name,
    c.first_name || ' ' || c.last_name as full_name,
    c.email,
    c.store_id,
    c.activebool as is_active,
    c.create_date,
    a.address,
    a.district,
    a.postal_code,
    ci.city,
    co.country
from {{ ref('stg_customer') }} c
left join {{ ref('stg_address') }} a on a.address_id = c.address_id
left join {{ ref('stg_city') }} ci on ci.city_id = a.city_id
left join {{ ref('stg_country') }} co on co.country_id = ci.country_id

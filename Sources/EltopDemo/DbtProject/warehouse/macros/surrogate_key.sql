{#- A surrogate key in plain SQL (no dbt_utils): md5 of the key columns' text, NULL-safe and separated. -#}
{% macro surrogate_key(columns) -%}
    md5({% for column in columns %}coalesce(cast({{ column }} as text), '<null>'){% if not loop.last %} || '|' || {% endif %}{% endfor %})
{%- endmacro %}

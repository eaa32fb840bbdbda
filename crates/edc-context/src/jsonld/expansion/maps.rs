//! Language maps and index, id and type maps (steps 13.7 and 13.8 of section 5.1.2).

use super::Expander;
use crate::jsonld::context::{container, Context, ProcessFlags, TermDef};
use crate::jsonld::error::{ErrorCode, JsonLdError};
use crate::jsonld::expanded::{Item, Node, ValueObject};
use crate::jsonld::ptr::{each, Ptr};
use serde_json::{Map, Value};
use std::sync::Arc;

impl<'d> Expander<'_, 'd> {
    /// A language map: each string becomes a value with the map's key as its language.
    pub(super) fn language_map(
        &mut self,
        ctx: &Context,
        def: Option<&TermDef>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
    ) -> Result<Vec<Item>, JsonLdError> {
        let direction = match def.and_then(|d| d.direction.clone()) {
            Some(explicit) => explicit,
            None => ctx.direction.clone(),
        };
        let mut out = Vec::new();
        for (language, texts) in map {
            let here = Ptr::Key(pointer, language);
            let none = language == "@none"
                || ctx.expand_iri(language, false, true).as_deref() == Some("@none");
            let texts = self.resolve(texts);
            for (p, v) in each(texts, &here) {
                match v {
                    Value::Null => {}
                    Value::String(_) => {
                        self.count_item(&p)?;
                        if direction.is_some() {
                            self.anonymous += 1;
                        }
                        out.push(Item::Value(ValueObject {
                            value: v.clone(),
                            datatype: None,
                            language: (!none).then(|| language.clone()),
                            direction: direction.clone(),
                            index: None,
                        }));
                    }
                    _ => {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidLanguageMapValue,
                            p,
                            "a language map holds strings only",
                        ))
                    }
                }
            }
        }
        Ok(out)
    }

    /// An index, id or type map (possibly also a graph container).
    pub(super) fn index_map(
        &mut self,
        ctx: &Arc<Context>,
        key: &str,
        def: &Arc<TermDef>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
    ) -> Result<Vec<Item>, JsonLdError> {
        let flags = def.container;
        let property_index = def
            .index
            .as_deref()
            .filter(|i| *i != "@index" && flags & container::INDEX != 0);
        let mut out = Vec::new();
        for (index, index_value) in map {
            let here = Ptr::Key(pointer, index);
            let mut map_ctx = if flags & (container::ID | container::TYPE) != 0 {
                ctx.previous.clone().unwrap_or_else(|| ctx.clone())
            } else {
                ctx.clone()
            };
            if flags & container::TYPE != 0 {
                if let Some((scoped, base)) = map_ctx
                    .term(index)
                    .and_then(|d| d.context.clone().map(|c| (c, d.base_url.clone())))
                {
                    let flags = ProcessFlags::type_scoped();
                    map_ctx = self.processor.scoped_context(
                        &map_ctx,
                        &scoped,
                        base.as_deref(),
                        flags,
                        &here,
                    )?;
                }
            }
            let none =
                index == "@none" || ctx.expand_iri(index, false, true).as_deref() == Some("@none");
            let index_value = self.resolve(index_value);
            for (p, v) in each(index_value, &here) {
                let expanded = if flags & container::GRAPH != 0 {
                    self.in_new_graph(|s| s.element(&map_ctx, Some(key), v, &p, true))?
                } else {
                    self.element(&map_ctx, Some(key), v, &p, true)?
                };
                for item in expanded.into_vec() {
                    let item = self.indexed(ctx, flags, property_index, index, none, item, &p)?;
                    out.push(item);
                }
            }
        }
        Ok(out)
    }

    /// Step 13.8.3.7: one item of an index, id or type map, given what its key says.
    #[allow(clippy::too_many_arguments)]
    fn indexed(
        &mut self,
        ctx: &Arc<Context>,
        flags: u8,
        property_index: Option<&str>,
        index: &str,
        none: bool,
        mut item: Item,
        pointer: &Ptr<'_>,
    ) -> Result<Item, JsonLdError> {
        if flags & container::GRAPH != 0 && !matches!(&item, Item::Node(n) if n.is_graph_object()) {
            self.anonymous += 1;
            item = Item::Node(Box::new(Node {
                graph: Some(vec![item]),
                ..Node::default()
            }));
        }
        let index_property = property_index.filter(|_| flags & container::INDEX != 0 && !none);
        if let Some(index_key) = index_property {
            let index_def = ctx.term(index_key).cloned();
            let reexpanded = self.value(
                ctx,
                index_def.as_deref(),
                &Value::String(index.to_string()),
                pointer,
            )?;
            let Some(property) = ctx.expand_iri(index_key, false, true) else {
                return Ok(item);
            };
            let Item::Node(node) = &mut item else {
                return Err(JsonLdError::new(
                    ErrorCode::InvalidValueObject,
                    pointer,
                    format!("a value cannot take the index property {index_key}"),
                ));
            };
            let property: Arc<str> = Arc::from(property.as_ref());
            let mut values = reexpanded.into_vec();
            match node.properties.iter_mut().find(|(k, _)| *k == property) {
                Some((_, existing)) => {
                    values.append(existing);
                    *existing = values;
                }
                None => node.properties.push((property, values)),
            }
        } else if flags & container::INDEX != 0 && item.index().is_none() && !none {
            item.set_index(index.to_string());
        } else if flags & container::ID != 0 && !none {
            if let Item::Node(node) = &mut item {
                if node.id.is_none() {
                    if let Some(iri) = ctx.expand_iri(index, true, false) {
                        node.id =
                            Some(self.identifier(&iri, pointer, ctx, "the node identifier")?);
                    }
                }
            }
        } else if flags & container::TYPE != 0 && !none {
            if let Item::Node(node) = &mut item {
                if let Some(t) = ctx.expand_iri(index, true, true) {
                    node.types.insert(0, Arc::from(t.as_ref()));
                }
            }
        }
        Ok(item)
    }
}

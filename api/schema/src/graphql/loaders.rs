//! DataLoaders: every relation is loaded with one `IN (...)` query per batch, whatever the
//! number of parents, so the statements of a request grow with the depth of the query and not
//! with the size of its result. The reads themselves are the services' (`crud::find_many`,
//! `crud::children_of`); a loader only batches keys and hands rows back to their parents.
//!
//! Loaders are created per request (their caches hold what that caller may see) and lazily, on
//! the first use of each relation.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

use async_graphql::dataloader::{DataLoader, Loader};
use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, IdenStatic, ModelTrait, Value};
use uuid::Uuid;

use crate::error::AppError;
use crate::services::access::Viewer;
use crate::services::crud;
use crate::services::record::{Record, RecordModel};

/// Loads rows of `E` by id.
pub struct ById<E> {
    db: DatabaseConnection,
    viewer: Viewer,
    entity: PhantomData<fn() -> E>,
}

impl<E: Record> Loader<Uuid> for ById<E> {
    type Value = E::Model;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, E::Model>, Self::Error> {
        let rows = crud::find_many::<E, _>(&self.db, &self.viewer, keys).await?;
        Ok(rows.into_iter().map(|m| (m.id(), m)).collect())
    }
}

/// The value a child row's key column must have: a foreign key, or a text key such as a
/// country code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ParentKey {
    Id(Uuid),
    Text(String),
}

impl ParentKey {
    fn of(value: Value) -> Option<Self> {
        match value {
            Value::Uuid(Some(id)) => Some(Self::Id(id)),
            Value::String(Some(text)) => Some(Self::Text(text)),
            _ => None,
        }
    }

    fn into_value(self) -> Value {
        match self {
            Self::Id(id) => id.into(),
            Self::Text(text) => text.into(),
        }
    }
}

/// Rows of a table whose key `column` equals `parent`, valid on `as_of` when given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChildKey {
    pub column: &'static str,
    pub parent: ParentKey,
    pub as_of: Option<NaiveDate>,
}

/// Loads rows of `E` grouped by a foreign key.
pub struct ByParent<E> {
    db: DatabaseConnection,
    viewer: Viewer,
    entity: PhantomData<fn() -> E>,
}

impl<E: Record> Loader<ChildKey> for ByParent<E> {
    type Value = Vec<E::Model>;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[ChildKey],
    ) -> Result<HashMap<ChildKey, Vec<E::Model>>, Self::Error> {
        // One query per (relation, date) present in the batch: bounded by the query's shape.
        let mut groups: HashMap<(&'static str, Option<NaiveDate>), Vec<Value>> = HashMap::new();
        for key in keys {
            groups
                .entry((key.column, key.as_of))
                .or_default()
                .push(key.parent.clone().into_value());
        }
        let mut out: HashMap<ChildKey, Vec<E::Model>> =
            keys.iter().map(|k| (k.clone(), Vec::new())).collect();
        for ((column_name, as_of), parents) in groups {
            let column: E::Column = column_name.parse().map_err(|_| {
                AppError::internal(anyhow::anyhow!(
                    "no column {column_name} on {}",
                    E::KIND.name()
                ))
            })?;
            let rows =
                crud::children_of::<E, _>(&self.db, &self.viewer, column, parents, as_of).await?;
            for row in rows {
                if let Some(parent) = ParentKey::of(row.get(column)) {
                    let key = ChildKey {
                        column: column_name,
                        parent,
                        as_of,
                    };
                    if let Some(bucket) = out.get_mut(&key) {
                        bucket.push(row);
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The loaders of one request.
pub struct Loaders {
    db: DatabaseConnection,
    viewer: Viewer,
    made: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Loaders {
    pub fn new(db: DatabaseConnection, viewer: Viewer) -> Self {
        Self {
            db,
            viewer,
            made: Mutex::new(HashMap::new()),
        }
    }

    fn get_or_make<L, F>(&self, make: F) -> Arc<DataLoader<L>>
    where
        L: Send + Sync + 'static,
        F: FnOnce() -> L,
    {
        let mut made = self
            .made
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(existing) = made.get(&TypeId::of::<L>()) {
            if let Ok(loader) = Arc::clone(existing).downcast::<DataLoader<L>>() {
                return loader;
            }
        }
        let loader = Arc::new(DataLoader::new(make(), tokio::spawn));
        made.insert(TypeId::of::<L>(), loader.clone());
        loader
    }

    pub fn by_id<E: Record>(&self) -> Arc<DataLoader<ById<E>>> {
        self.get_or_make(|| ById {
            db: self.db.clone(),
            viewer: self.viewer.clone(),
            entity: PhantomData,
        })
    }

    pub fn by_parent<E: Record>(&self) -> Arc<DataLoader<ByParent<E>>> {
        self.get_or_make(|| ByParent {
            db: self.db.clone(),
            viewer: self.viewer.clone(),
            entity: PhantomData,
        })
    }
}

/// The column name a [`ChildKey`] carries.
pub fn column_name<C: IdenStatic>(column: C) -> &'static str {
    column.as_str()
}
